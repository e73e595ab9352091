import ReformCore

let usage = """
    usage: reform run PIPELINE.json [--period YYYY-MM] [--wait SECONDS]
      Runs the stages the definition lists (ingest, compute, report) under one lock on the database.
      Exit: 0 ok, 64 usage, 65 an input file refused whole, 66 input missing, 73/74 cannot write,
      75 another run holds the lock (--wait waits for it), 78 bad pipeline definition.
    """

Diagnostics.run("reform") {
    var words = Array(CommandLine.arguments.dropFirst())
    guard let command = words.first else { throw CommandFailure(.usage, usage) }
    words.removeFirst()
    switch command {
    case "run":
        let arguments = try Arguments(words, options: ["period", "wait"], usage: usage)
        guard arguments.positional.count == 1 else { throw CommandFailure(.usage, "give one PIPELINE.json\n\(usage)") }
        var period: Month?
        if arguments.value("period") != nil { period = try arguments.month("period", usage: usage) }
        var wait = 0
        if let text = arguments.value("wait") {
            guard let seconds = Int(text), seconds >= 0 else {
                throw CommandFailure(.usage, "--wait takes whole seconds")
            }
            wait = seconds
        }
        let definition = try PipelineDefinition(path: arguments.positional[0])
        return try PipelineRunner.run(definition, period: period, waitSeconds: wait, output: Diagnostics.output)
    case "--help", "-h", "help":
        Diagnostics.output(usage)
        return .ok
    default:
        throw CommandFailure(.usage, "unknown command \"\(command)\"\n\(usage)")
    }
}
