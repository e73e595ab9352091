import ReformPipeline
import ReformSupport

/// `reform benchmark`: times parsing and hashing alone, for the benchmark scripts.
public enum BenchmarkTool: Tool {
    public static let spec = ToolSpec(
        name: "reform benchmark",
        summary: "Times reading an export as ingest does, or the SHA-256 ingest computes, storing nothing.",
        forms: [["parse", "FILE", .optional(.csvOnly)], ["hash", "FILE", .optional(.portable)]],
        options: [
            .flag(.csvOnly, "parse: read the CSV records only, without header mapping and row checks"),
            .flag(.portable, "hash: without the processor's SHA instructions"),
        ])

    public static func run(_ arguments: Arguments) throws -> ExitStatus {
        guard arguments.positional.count == 2 else { throw CommandFailure(.usage, spec.usage) }
        let path = arguments.positional[1]
        switch arguments.positional[0] {
        case "parse":
            Diagnostics.output(try BenchmarkCommand.parse(path: path, csvOnly: arguments.flag(.csvOnly)))
        case "hash":
            Diagnostics.output(try BenchmarkCommand.hash(path: path, portable: arguments.flag(.portable)))
        default:
            throw CommandFailure(.usage, spec.usage)
        }
        return .ok
    }
}
