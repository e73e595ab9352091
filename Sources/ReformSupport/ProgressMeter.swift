#if canImport(Glibc)
    import Glibc
#endif

/// Progress of a long step, for a person watching a terminal: one line on standard error, redrawn
/// at most ten times a second and cleared at the end, so the summary lines on standard output and
/// the messages on standard error read as without it. Under cron, CI or a log (standard error not a
/// terminal) there is none unless asked for (`--progress`).
///
/// Safe to update from several threads (compute's two readers add to one count).
public final class ProgressMeter: @unchecked Sendable {
    /// What the total counts.
    public enum Measure: Sendable {
        case bytes, rows
    }

    private let tool: String
    private let write: (String) -> Void
    private let lock = PosixCondition()
    private let clock = ContinuousClock()
    private var label = ""
    private var total: Int64?
    private var measure = Measure.rows
    private var done: Int64 = 0
    private var rows: Int64 = 0
    private var started: ContinuousClock.Instant
    private var lastDrawn: ContinuousClock.Instant?
    private var drawn = false

    /// A meter whose lines `write` puts out (standard error unless a test gives another).
    public init(tool: String, write: @escaping (String) -> Void = ProgressMeter.standardError) {
        self.tool = tool
        self.write = write
        self.started = clock.now
    }

    /// A meter for `tool` when standard error is a terminal or `forced`; nil otherwise.
    public static func forTool(_ tool: String, forced: Bool) -> ProgressMeter? {
        forced || isatty(2) == 1 ? ProgressMeter(tool: tool) : nil
    }

    /// Writes `text` to standard error as it is.
    public static func standardError(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { _ = Glibc.write(2, $0.baseAddress!, $0.count) }
    }

    /// Starts a step: `label` (a file name, "dossiers") of `total` units (nil when unknown).
    public func begin(_ label: String, total: Int64?, measure: Measure) {
        lock.withLock {
            self.label = label
            self.total = total
            self.measure = measure
            done = 0
            rows = 0
            started = clock.now
            lastDrawn = nil
        }
    }

    /// `done` units and `rows` rows so far.
    public func update(done: Int64, rows: Int64) {
        lock.withLock {
            self.done = done
            self.rows = rows
            drawIfDue()
        }
    }

    /// `rows` more rows done (the measure being rows).
    public func add(rows more: Int64) {
        lock.withLock {
            rows += more
            done = rows
            drawIfDue()
        }
    }

    /// Ends the step: clears the line if one was drawn.
    public func end() {
        lock.withLock {
            if drawn { write("\r\u{1B}[K") }
            drawn = false
        }
    }

    private func drawIfDue() {
        let now = clock.now
        // Nothing for the first tenth of a second (a short step shows none), then ten a second.
        if let lastDrawn {
            guard now - lastDrawn >= .milliseconds(100) else { return }
        } else {
            guard now - started >= .milliseconds(100) else { return }
        }
        lastDrawn = now
        drawn = true
        write(
            "\r\u{1B}[K"
                + Self.line(
                    tool: tool, label: label, done: done, total: total, measure: measure, rows: rows,
                    seconds: Self.seconds(now - started)))
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The progress line: `tool: label  12.3 MB of 45.6 MB (27%)  350,000 rows/s  0:12 elapsed  0:32 left`.
    public static func line(
        tool: String, label: String, done: Int64, total: Int64?, measure: Measure, rows: Int64, seconds: Double
    ) -> String {
        var parts = ["\(tool): \(label)"]
        func amount(_ value: Int64) -> String {
            measure == .bytes ? megabytes(value) : grouped(value) + " rows"
        }
        if let total, total > 0 {
            let shown = min(done, total)
            parts.append("\(amount(shown)) of \(amount(total)) (\(min(shown * 100 / total, 99))%)")
        } else {
            parts.append(amount(done))
        }
        if seconds > 0 { parts.append("\(grouped(Int64(Double(rows) / seconds))) rows/s") }
        parts.append("\(clockTime(seconds)) elapsed")
        if let total, total > 0, done > 0, done < total, seconds > 0 {
            parts.append("\(clockTime(seconds * Double(total - done) / Double(done))) left")
        }
        return parts.joined(separator: "  ")
    }

    /// `12,345,678`.
    package static func grouped(_ value: Int64) -> String {
        var digits = String(value.magnitude)
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: digits.index(digits.startIndex, offsetBy: index))
            index -= 3
        }
        return (value < 0 ? "-" : "") + digits
    }

    /// `12.3 MB`.
    package static func megabytes(_ bytes: Int64) -> String {
        let tenths = (bytes + 50_000) / 100_000
        return "\(tenths / 10).\(tenths % 10) MB"
    }

    /// `m:ss`, or `h:mm:ss` from an hour.
    package static func clockTime(_ seconds: Double) -> String {
        let whole = Int(min(max(seconds, 0), 359_999).rounded())
        let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(rest))" : "\(minutes):\(two(rest))"
    }
}
