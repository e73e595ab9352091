import ReformCore

Diagnostics.run(IngestTool.spec.name) { try IngestTool.main(Array(CommandLine.arguments.dropFirst())) }
