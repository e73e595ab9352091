/// Why the sample generator cannot make what it was asked for; the command line maps each case to
/// its exit status (a bad option is a usage error, an unusable reference list a data error).
public enum SampleError: Error, Equatable, CustomStringConvertible {
    /// An export style that does not exist.
    case unknownStyle(String)
    /// A reference list (units, procedures, communes) that gives nothing to generate from.
    case emptyReference(String)

    public var description: String {
        switch self {
        case .unknownStyle(let style): "unknown style \(style) (vendor or mixed)"
        case .emptyReference(let what): what
        }
    }
}
