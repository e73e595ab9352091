import ReformPipeline
import ReformSupport

/// One option a tool accepts: `--name VALUE` when `value` names its placeholder, a switch when nil.
public struct ToolOption: Sendable {
    public let name: OptionName
    public let value: String?
    public let help: String

    /// An option taking a value shown as `value` in the help.
    public static func option(_ name: OptionName, _ value: String, _ help: String) -> ToolOption {
        ToolOption(name: name, value: value, help: help)
    }

    /// A switch (no value).
    public static func flag(_ name: OptionName, _ help: String) -> ToolOption {
        ToolOption(name: name, value: nil, help: help)
    }

    /// `--name VALUE` or `--name`.
    var label: String { "--" + name.rawValue + (value.map { " " + $0 } ?? "") }
}

/// What a tool declares about itself: its purpose, its command forms, the options it accepts and
/// what they mean. The help text is generated from it and the parser accepts exactly its options,
/// so the two cannot drift apart.
public struct ToolSpec: Sendable {
    /// The command as typed: `reform-ingest`, `reform run`.
    public let name: String
    /// One line: what it does (listed by `reform help`).
    public let summary: String
    /// The command forms, each without the name (`--db DB FILE...`), each option in them as
    /// `options` declares it.
    public var forms: [String] { formParts.map { FormPart.line($0, options) } }
    let formParts: [[FormPart]]
    public let options: [ToolOption]
    /// Paragraphs after the options: values, files written, what is printed.
    public let details: String
    /// Whether the exit codes end the help (every tool but the sample generator's).
    public let listsExitCodes: Bool

    public init(
        name: String, summary: String, forms: [[FormPart]], options: [ToolOption], details: String = "",
        listsExitCodes: Bool = true
    ) {
        self.name = name
        self.summary = summary
        self.formParts = forms
        self.options = options
        self.details = details
        self.listsExitCodes = listsExitCodes
    }

    /// The help text: forms, summary, one line per option, details, exit codes.
    public var usage: String {
        var lines: [String] = []
        for (index, form) in forms.enumerated() {
            lines.append((index == 0 ? "usage: " : "       ") + name + (form.isEmpty ? "" : " " + form))
        }
        lines.append("  " + summary)
        if !options.isEmpty {
            lines.append("options:")
            let width = min(options.map(\.label.count).max() ?? 0, 26) + 4
            for option in options {
                let label = "  " + option.label
                let help = Self.wrap(option.help, width: 100 - width)
                if label.count + 2 > width {
                    lines.append(label)
                    lines.append(contentsOf: help.map { String(repeating: " ", count: width) + $0 })
                } else {
                    let pad = String(repeating: " ", count: width - label.count)
                    lines.append(label + pad + help[0])
                    lines.append(contentsOf: help.dropFirst().map { String(repeating: " ", count: width) + $0 })
                }
            }
        }
        if !details.isEmpty {
            lines.append(contentsOf: details.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 })
        }
        if listsExitCodes { lines.append(contentsOf: ExitStatus.summary.split(separator: "\n").map { "  " + $0 }) }
        return lines.map { $0.hasSuffix(" ") ? String($0.reversed().drop(while: { $0 == " " }).reversed()) : $0 }
            .joined(separator: "\n")
    }

    /// `text` broken into lines of at most `width` characters at spaces.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        lines.append(line)
        return lines
    }
}

/// A command-line tool of the package: its declaration and its body. Each executable is a thin
/// `main.swift` that runs one; the `reform` executable runs any of them by the name it was
/// started under, so a release needs one binary.
public protocol Tool {
    static var spec: ToolSpec { get }
    /// Runs the tool on parsed arguments; returns its exit status or throws a failure.
    static func run(_ arguments: Arguments) throws -> ExitStatus
}

extension Tool {
    /// Parses `words` (the arguments after the program name) and runs the tool.
    public static func main(_ words: [String]) throws -> ExitStatus {
        try run(try Arguments(words, spec: spec))
    }

    /// Runs the tool as its executable's whole program: the command line's arguments in, an exit
    /// status and at most one message out.
    public static func runAsMain() -> Never {
        Diagnostics.run(spec.name) { try main(Array(CommandLine.arguments.dropFirst())) }
    }
}
