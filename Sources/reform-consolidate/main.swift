import ReformCore

Diagnostics.run(ConsolidateTool.spec.name) { try ConsolidateTool.main(Array(CommandLine.arguments.dropFirst())) }
