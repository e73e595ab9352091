#if canImport(Glibc)
    import Glibc
#endif

/// Writes diagnostics to standard error (the global `stderr` is not usable under Swift 6's strict
/// concurrency checks).
public enum Diagnostics {
    /// Writes one line to standard error.
    public static func error(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBufferPointer { _ = write(2, $0.baseAddress!, $0.count) }
    }

    /// Writes one line to standard output (unbuffered, so lines keep their order with stderr).
    public static func output(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        bytes.withUnsafeBufferPointer { _ = write(1, $0.baseAddress!, $0.count) }
    }

    /// Writes text to standard output as it is.
    public static func outputRaw(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { _ = write(1, $0.baseAddress!, $0.count) }
    }
}
