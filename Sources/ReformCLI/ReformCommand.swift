import ReformPipeline
import ReformStore
import ReformSupport

/// The `reform` executable: its subcommands, `help` and `--version` — and, started under the name
/// of a stage tool (a link `reform-ingest` → `reform`, as the release bundle installs them), that
/// tool.
public enum ReformCommand {
    /// The stage tools, in pipeline order.
    public static var stageTools: [any Tool.Type] {
        [IngestTool.self, ComputeTool.self, ReportTool.self, ConsolidateTool.self, CompareTool.self, SampleTool.self]
    }
    /// `reform`'s subcommands that are tools of their own.
    public static var subcommands: [String: any Tool.Type] {
        [
            "run": RunCommand.self, "check": CheckCommand.self, "calendar": CalendarTool.self,
            "benchmark": BenchmarkTool.self,
        ]
    }
    /// The subcommands in the order `reform help` lists them.
    public static let subcommandOrder = ["run", "check", "calendar", "benchmark"]

    /// `reform --version`: the version, the commit and the SQLite library in use.
    public static var version: String {
        "reformindex \(BuildInfo.version) (commit \(BuildInfo.commit)), SQLite \(Database.sqliteVersion)"
    }

    /// `reform help`: what ReformIndex is, every subcommand and stage tool with one line each.
    public static var overview: String {
        var lines = [
            "ReformIndex \(BuildInfo.version): the figures a Department of Home Affairs reports, from the dossier",
            "exports of one-stop systems: the form II.06a, Decision 766 scores, SIPAS, PAR INDEX, delegation.",
            "",
            "usage: reform COMMAND [ARGS]   (reform help COMMAND, or COMMAND --help, for its options)",
            "commands:",
        ]
        func line(_ name: String, _ summary: String) -> String {
            "  " + name + String(repeating: " ", count: max(20 - name.count, 1)) + summary
        }
        for name in subcommandOrder { lines.append(line(name, subcommands[name]!.spec.summary)) }
        lines.append(line("help [COMMAND]", "Prints this overview, or a command's or stage tool's options."))
        lines.append(line("--version", "Prints the version, the commit and the SQLite library in use."))
        lines.append("stage tools (each also runs as `reform TOOL …`):")
        for tool in stageTools { lines.append(line(tool.spec.name, tool.spec.summary)) }
        lines.append(contentsOf: ExitStatus.summary.split(separator: "\n").map { "  " + $0 })
        return lines.joined(separator: "\n")
    }

    /// The tool `name` names: a subcommand (`run`) or a stage tool (`reform-ingest`, or `ingest`).
    public static func tool(named name: String) -> (any Tool.Type)? {
        if let tool = subcommands[name] { return tool }
        return stageTools.first { $0.spec.name == name || $0.spec.name == "reform-" + name }
    }

    /// The name messages go under: the stage tool `program` (argv[0]) names, else `reform`.
    public static func name(startedAs program: String) -> String {
        let started = String(program.split(separator: "/").last ?? "")
        return stageTools.contains { $0.spec.name == started } ? started : "reform"
    }

    /// Runs `reform` as the whole program. Started as `reform-ingest` (a link to this executable, as
    /// the release installs the stage tools), it is that tool, under that name.
    public static func runAsMain() -> Never {
        let program = CommandLine.arguments.first ?? "reform"
        Diagnostics.run(name(startedAs: program)) {
            try main(program: program, Array(CommandLine.arguments.dropFirst()))
        }
    }

    /// Runs `reform` as started: `program` is the name it was started under (argv[0]).
    public static func main(program: String, _ words: [String]) throws -> ExitStatus {
        let started = name(startedAs: program)
        if started != "reform", let tool = tool(named: started) { return try tool.main(words) }
        guard let command = words.first else { throw CommandFailure(.usage, overview) }
        let rest = Array(words.dropFirst())
        switch command {
        case "--version", "version":
            guard rest.isEmpty else { throw CommandFailure(.usage, "--version takes no argument") }
            Diagnostics.output(version)
            return .ok
        case "--help", "-h", "help":
            guard let name = rest.first else {
                Diagnostics.output(overview)
                return .ok
            }
            guard rest.count == 1, let tool = tool(named: name) else {
                throw CommandFailure(.usage, "no command or tool \"\(name)\"\n\(overview)")
            }
            Diagnostics.output(tool.spec.usage)
            return .ok
        default:
            guard let tool = tool(named: command) else {
                throw CommandFailure(.usage, "unknown command \"\(command)\"\n\(overview)")
            }
            return try tool.main(rest)
        }
    }
}
