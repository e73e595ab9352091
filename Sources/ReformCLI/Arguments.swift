import ReformPipeline
import ReformSupport

/// A small command-line parser: `--name value` options, `--flag` switches and positional values.
/// Unknown options are usage errors (exit 64) that say what the tool accepts.
public struct Arguments {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []
    /// The positional arguments in order.
    public private(set) var positional: [String] = []

    /// Parses `arguments` (without the program name) by what `spec` declares.
    public init(_ arguments: [String], spec: ToolSpec) throws {
        try self.init(
            arguments, options: Set(spec.options.filter { $0.value != nil }.map(\.name)),
            switches: Set(spec.options.filter { $0.value == nil }.map(\.name)), usage: spec.usage)
    }

    /// Parses `arguments` (without the program name). `options` take a value; `switches` do not.
    public init(_ arguments: [String], options: Set<String>, switches: Set<String> = [], usage: String) throws {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--help" || argument == "-h" {
                throw CommandFailure(.ok, usage)
            }
            if argument.hasPrefix("--") {
                var name = String(argument.dropFirst(2))
                var inlineValue: String?
                if let equals = name.firstIndex(of: "=") {
                    inlineValue = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
                if switches.contains(name) {
                    flags.insert(name)
                } else if options.contains(name) {
                    // A repeated option would silently keep one of its values.
                    guard values[name] == nil else {
                        throw CommandFailure(.usage, "--\(name) is given twice; give it once\n\(usage)")
                    }
                    if let inlineValue {
                        values[name] = inlineValue
                    } else {
                        index += 1
                        guard index < arguments.count else {
                            throw CommandFailure(.usage, "option --\(name) needs a value\n\(usage)")
                        }
                        values[name] = arguments[index]
                    }
                } else {
                    throw CommandFailure(.usage, "unknown option \(argument)\n\(usage)")
                }
            } else {
                positional.append(argument)
            }
            index += 1
        }
    }

    /// The value of `--name`, if given.
    public func value(_ name: String) -> String? { values[name] }

    /// True when `--name` was given.
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value of `--name`, or a usage error naming it.
    public func required(_ name: String, usage: String) throws -> String {
        guard let value = values[name], !value.isEmpty else {
            throw CommandFailure(.usage, "missing --\(name)\n\(usage)")
        }
        return value
    }

    /// The year given by `--name YYYY` (nil when the option is absent), or a usage error.
    public func year(_ name: String) throws -> Int? {
        guard let text = values[name] else { return nil }
        guard text.count == 4, let year = Int(text), year >= 1970 else {
            throw CommandFailure(.usage, "--\(name) must be YYYY (for example 2025), not \"\(text)\"")
        }
        return year
    }

    /// The month given by `--name YYYY-MM`, or a usage error.
    public func month(_ name: String, usage: String) throws -> Month {
        let text = try required(name, usage: usage)
        guard let month = Month(text) else {
            throw CommandFailure(.usage, "--\(name) must be YYYY-MM (for example 2025-03), not \"\(text)\"")
        }
        return month
    }
}
