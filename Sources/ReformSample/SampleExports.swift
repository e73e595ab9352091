import ReformIngest
import ReformMetrics
import ReformModel
import ReformSupport

/// Writes sets of sample exports: monthly vendor snapshots (the committed SampleData), mixed
/// spellings for the oracle tests, and one large file for benchmarks.
extension SampleGenerator {
    /// Monthly exports for `months`: file `YYYY-MM_<style>.csv` holds the month's receipts and every
    /// earlier dossier whose state changed since the previous export. `style` is `vendor` (the
    /// vendors' styles in turn, a few realistic mistakes and appointment dates that break the
    /// statute planted) or `mixed` (every spelling, every rejection reason planted; appointments
    /// clean). Returns file names and bytes, in ingest order.
    public mutating func monthlyExports(months: [Month], perMonth: Int, style: String) throws -> [(String, [UInt8])] {
        var all: [SampleDossier] = []
        var lastExported: [SampleDossier.Snapshot?] = []
        var files: [(String, [UInt8])] = []
        for (index, month) in months.enumerated() {
            var received = try simulate(month: month, count: perMonth)
            if style != "mixed" { try plantAppointments(in: &received) }
            all += received
            lastExported += Array(repeating: nil, count: all.count - lastExported.count)
            let at = Self.snapshotMinute(after: month)
            var rows: [(SampleDossier, SampleDossier.Snapshot)] = []
            for (position, dossier) in all.enumerated() {
                guard let snapshot = dossier.snapshot(at: at) else { continue }
                let isNew = Month(containingDay: dossier.received / 1440) == month
                if isNew || (lastExported[position] != nil && lastExported[position] != snapshot) {
                    rows.append((dossier, snapshot))
                    lastExported[position] = snapshot
                }
            }
            let styleName = style == "mixed" ? "mixed" : Self.vendorStyle(index)
            guard let exportStyle = ExportStyle.named(styleName, random: &randomForStyles, variant: index) else {
                throw SampleError.unknownStyle(style)
            }
            var planted: [RejectReason]
            if style == "mixed" {
                planted = RejectReason.allCases.filter { $0 != .unterminatedQuote }
                // The newest state wins within a file too: a dossier listed twice, the later line updated.
                if let (dossier, snapshot) = rows.first(where: { $0.1.state == .processing }),
                    let completed = dossier.completed
                {
                    var later = snapshot
                    later.state = dossier.outcome == .resolved ? .resolved : .processing
                    if later.state == .resolved { later.completed = max(completed, dossier.received) }
                    rows.append((dossier, later))
                }
            } else {
                planted = [.completedBeforeReceived, .terminalWithoutDate, .badDate, .badChannel]
            }
            var bytes = export(rows, style: exportStyle, planted: planted)
            if style == "mixed" && index == months.count - 1 {
                // A record whose quote never closes, at the end of the last file.
                bytes += Array("\(units[0].code).H26-LOI-END,\"unfinished".utf8)
            }
            files.append(("\(month)_\(styleName).csv", bytes))
        }
        return files
    }

    static func vendorStyle(_ index: Int) -> String { ExportStyle.vendors[index % ExportStyle.vendors.count] }

    /// Streams one large export of `rows` dossiers received from `start` on, `perMonth` a month, in
    /// the VNPT style, to `write` in chunks (memory stays at one month of dossiers).
    public mutating func largeExport(rows: Int, perMonth: Int, start: Month, write: ([UInt8]) throws -> Void) throws {
        var months: [Month] = []
        var month = start
        var left = rows
        var counts: [Int] = []
        while left > 0 {
            months.append(month)
            counts.append(min(perMonth, left))
            left -= perMonth
            month = month.next
        }
        let at = Self.snapshotMinute(after: months.last ?? start)
        guard let style = ExportStyle.named("vnpt", random: &randomForStyles) else { return }
        try write(
            [0xEF, 0xBB, 0xBF]
                + Array((style.columns.map { Self.quote($0.header) }.joined(separator: ",") + "\r\n").utf8))
        for (month, count) in zip(months, counts) {
            var chunk: [UInt8] = []
            chunk.reserveCapacity(1 << 20)
            for dossier in try simulate(month: month, count: count) {
                guard let snapshot = dossier.snapshot(at: at) else { continue }
                chunk += Array(line(dossier, snapshot, style: style).utf8)
                chunk += [0x0D, 0x0A]
                if chunk.count >= 1 << 20 {
                    try write(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            try write(chunk)
        }
    }
}
