import ReformCore

Diagnostics.run(ComputeTool.spec.name) { try ComputeTool.main(Array(CommandLine.arguments.dropFirst())) }
