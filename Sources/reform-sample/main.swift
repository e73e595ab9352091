import ReformCore

Diagnostics.run(SampleTool.spec.name) { try SampleTool.main(Array(CommandLine.arguments.dropFirst())) }
