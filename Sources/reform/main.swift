import ReformCore

// Started as `reform-ingest` (a link to this executable, as the release installs the stage tools),
// it is that tool, under that name.
let program = CommandLine.arguments.first ?? "reform"
Diagnostics.run(ReformCommand.name(startedAs: program)) {
    try ReformCommand.main(program: program, Array(CommandLine.arguments.dropFirst()))
}
