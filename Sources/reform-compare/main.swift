import ReformCore

Diagnostics.run(CompareTool.spec.name) { try CompareTool.main(Array(CommandLine.arguments.dropFirst())) }
