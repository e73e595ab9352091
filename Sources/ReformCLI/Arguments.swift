import ReformPipeline
import ReformSupport

/// A small command-line parser: `--name value` options, `--flag` switches and positional values.
/// Unknown options are usage errors (exit 64) that say what the tool accepts.
public struct Arguments {
    private var values: [OptionName: String] = [:]
    private var flags: Set<OptionName> = []
    /// The options the tool declares: reading another is a bug in the tool, caught by its tests.
    private let declared: Set<OptionName>
    /// The positional arguments in order.
    public private(set) var positional: [String] = []

    /// Parses `arguments` (without the program name) by what `spec` declares.
    public init(_ arguments: [String], spec: ToolSpec) throws {
        try self.init(
            arguments, options: Set(spec.options.filter { $0.value != nil }.map(\.name)),
            switches: Set(spec.options.filter { $0.value == nil }.map(\.name)), usage: spec.usage)
    }

    /// Parses `arguments` (without the program name). `options` take a value; `switches` do not.
    public init(_ arguments: [String], options: Set<OptionName>, switches: Set<OptionName> = [], usage: String)
        throws
    {
        declared = options.union(switches)
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--help" || argument == "-h" {
                throw CommandFailure(.ok, usage)
            }
            if argument.hasPrefix("--") {
                var text = String(argument.dropFirst(2))
                var inlineValue: String?
                if let equals = text.firstIndex(of: "=") {
                    inlineValue = String(text[text.index(after: equals)...])
                    text = String(text[..<equals])
                }
                guard let name = OptionName(rawValue: text), declared.contains(name) else {
                    throw CommandFailure(.usage, "unknown option \(argument)\n\(usage)")
                }
                if switches.contains(name) {
                    flags.insert(name)
                } else if options.contains(name) {
                    // A repeated option would silently keep one of its values.
                    guard values[name] == nil else {
                        throw CommandFailure(.usage, "--\(text) is given twice; give it once\n\(usage)")
                    }
                    if let inlineValue {
                        values[name] = inlineValue
                    } else {
                        index += 1
                        guard index < arguments.count else {
                            throw CommandFailure(.usage, "option --\(text) needs a value\n\(usage)")
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
    public func value(_ name: OptionName) -> String? {
        precondition(declared.contains(name), "--\(name.rawValue) is read but not declared by the tool")
        return values[name]
    }

    /// The value of `--name` when the tool declares it (shared readers such as `period()` serve
    /// tools that take only some of their options); nil otherwise.
    func valueIfDeclared(_ name: OptionName) -> String? { declared.contains(name) ? values[name] : nil }

    /// True when `--name` was given.
    public func flag(_ name: OptionName) -> Bool {
        precondition(declared.contains(name), "--\(name.rawValue) is read but not declared by the tool")
        return flags.contains(name)
    }

    /// The value of `--name`, or a usage error naming it.
    public func required(_ name: OptionName, usage: String) throws -> String {
        guard let value = value(name), !value.isEmpty else {
            throw CommandFailure(.usage, "missing --\(name.rawValue)\n\(usage)")
        }
        return value
    }

    /// The year given by `--name YYYY` (nil when the option is absent), or a usage error.
    public func year(_ name: OptionName) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard text.count == 4, let year = Int(text), year >= 1970 else {
            throw CommandFailure(.usage, "--\(name.rawValue) must be YYYY (for example 2025), not \"\(text)\"")
        }
        return year
    }

    /// The month given by `--name YYYY-MM`, or a usage error.
    public func month(_ name: OptionName, usage: String) throws -> Month {
        let text = try required(name, usage: usage)
        guard let month = Month(text) else {
            throw CommandFailure(.usage, "--\(name.rawValue) must be YYYY-MM (for example 2025-03), not \"\(text)\"")
        }
        return month
    }
}
