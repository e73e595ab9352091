import ReformCore

Diagnostics.run(ReportTool.spec.name) { try ReportTool.main(Array(CommandLine.arguments.dropFirst())) }
