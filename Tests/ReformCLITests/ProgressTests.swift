import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformSupport

/// Progress on a terminal: drawn on stderr at most ten times a second, cleared at the end, absent
/// when stderr is not a terminal unless `--progress` asks for it; the summary lines unchanged.
@Suite(.serialized) struct ProgressTests {
    final class Lines: @unchecked Sendable {
        var written: [String] = []
    }

    @Test func theLineSaysHowFarHowFastAndHowLong() {
        let line = ProgressMeter.line(
            tool: "reform-ingest", label: "big.csv", done: 12_345_678, total: 45_600_000, measure: .bytes,
            rows: 350_000, seconds: 1)
        #expect(line == "reform-ingest: big.csv  12.3 MB of 45.6 MB (27%)  350,000 rows/s  0:01 elapsed  0:03 left")
        let rows = ProgressMeter.line(
            tool: "reform-compute", label: "dossiers", done: 1_000_000, total: 1_000_000, measure: .rows,
            rows: 1_000_000, seconds: 3725)
        // Never 100% before the end, and no time left once done.
        #expect(rows == "reform-compute: dossiers  1,000,000 rows of 1,000,000 rows (99%)  268 rows/s  1:02:05 elapsed")
        let unknown = ProgressMeter.line(
            tool: "reform-ingest", label: "a.xlsx", done: 2048, total: nil, measure: .rows, rows: 2048, seconds: 0.5)
        #expect(unknown == "reform-ingest: a.xlsx  2,048 rows  4,096 rows/s  0:01 elapsed")
        #expect(ProgressMeter.grouped(-1_234) == "-1,234" && ProgressMeter.grouped(999) == "999")
        #expect(ProgressMeter.clockTime(59.6) == "1:00" && ProgressMeter.clockTime(-5) == "0:00")
    }

    @Test func redrawsAtMostTenTimesASecondAndClearsAtTheEnd() throws {
        let lines = Lines()
        let meter = ProgressMeter(tool: "t") { lines.written.append($0) }
        meter.begin("x", total: 100, measure: .rows)
        meter.update(done: 1, rows: 1)
        #expect(lines.written.isEmpty, "a step shorter than a tenth of a second shows nothing")
        let start = Date()
        while Date().timeIntervalSince(start) < 0.55 { meter.add(rows: 0) }
        #expect((4...6).contains(lines.written.count), "\(lines.written.count) draws in 0.55 s")
        #expect(lines.written.allSatisfy { $0.hasPrefix("\r\u{1B}[Kt: x  ") })
        meter.end()
        #expect(lines.written.last == "\r\u{1B}[K")
        let quiet = Lines()
        let short = ProgressMeter(tool: "t") { quiet.written.append($0) }
        short.begin("y", total: nil, measure: .rows)
        short.end()
        #expect(quiet.written.isEmpty, "nothing to clear when nothing was drawn")
    }

    @Test(.requires(.executable("/usr/bin/script"))) func ingestAndComputeShowProgressOnATerminalOnly() throws {
        let work = TestPaths.temporaryFolder()
        let export = work + "/big.csv"
        let made = try ProcessRunner.run(
            "reform-sample", ["--rows", "200000", "--per-month", "100000", "--file", export])
        #expect(made.status == 0, "\(made.stderr)")
        let ingest = "\(ProcessRunner.binaries)/reform-ingest --db \(work)/tty.sqlite \(export)"
        // Under a pseudo-terminal (script), stdout and stderr arrive together.
        let start = Date()
        let terminal = try ProcessRunner.runExecutable("/usr/bin/script", ["-qefc", ingest, "/dev/null"], in: work)
        let seconds = Date().timeIntervalSince(start)
        #expect(terminal.status == 0, "\(terminal.stdout)")
        let draws = terminal.stdout.components(separatedBy: "\r\u{1B}[Kreform-ingest: big.csv  ").count - 1
        #expect(draws >= 1, "no progress on a terminal: \(terminal.stdout.prefix(500))")
        #expect(Double(draws) <= seconds * 10 + 1, "\(draws) draws in \(seconds) s")
        #expect(terminal.stdout.contains(" MB of ") && terminal.stdout.contains(" rows/s  "))
        #expect(terminal.stdout.contains(" elapsed"))
        // Cleared before the summary line, which is as without progress.
        let summary = try #require(terminal.stdout.range(of: "file=big.csv read=200000 "))
        #expect(terminal.stdout[..<summary.lowerBound].hasSuffix("\r\u{1B}[K"))

        // Not a terminal: nothing but the summary; --progress draws anyway.
        let piped = try ProcessRunner.run("reform-ingest", ["--db", work + "/pipe.sqlite", export])
        #expect(piped.status == 0 && piped.stderr.isEmpty && piped.stdout.hasPrefix("file=big.csv read=200000 "))
        let asked = try ProcessRunner.run("reform-ingest", ["--db", work + "/asked.sqlite", "--progress", export])
        #expect(asked.status == 0 && asked.stdout == piped.stdout)
        #expect(asked.stderr.contains("\r\u{1B}[Kreform-ingest: big.csv  ") && asked.stderr.hasSuffix("\r\u{1B}[K"))

        // Compute's scan, by rows.
        let compute = "\(ProcessRunner.binaries)/reform-compute --db \(work)/tty.sqlite --period 2025-02"
        let computed = try ProcessRunner.runExecutable("/usr/bin/script", ["-qefc", compute, "/dev/null"], in: work)
        #expect(computed.status == 0, "\(computed.stdout)")
        let plain = try ProcessRunner.run("reform-compute", ["--db", work + "/pipe.sqlite", "--period", "2025-02"])
        #expect(
            plain.stderr.isEmpty && computed.stdout.hasSuffix(plain.stdout.replacingOccurrences(of: "\n", with: "\r\n"))
        )
        let forced = try ProcessRunner.run(
            "reform-compute", ["--db", work + "/asked.sqlite", "--period", "2025-02", "--progress"])
        #expect(forced.stdout == plain.stdout)
        #expect(forced.stderr.contains("\r\u{1B}[Kreform-compute: dossiers  "), "\(forced.stderr)")
        #expect(forced.stderr.contains(" rows of ") && forced.stderr.hasSuffix("\r\u{1B}[K"))
        #expect(computed.stdout.contains("\r\u{1B}[Kreform-compute: dossiers  "))
    }
}
