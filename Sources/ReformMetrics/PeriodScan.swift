import FoundationEssentials
import ReformModel
import ReformStore
import ReformSupport

/// One pass over the dossiers a period's computation needs, on both cores: one connection reads the
/// dossier table in key order from the start while another reads it backwards from the end, and
/// they stop where they meet. Every row feeds the Biểu 06 counts of the period and the one before
/// and, when it concerns the period, the deadline audit; the two halves are then merged.
///
/// A table scan is most of compute's time and a B-tree can be walked from either end without
/// knowing where its middle is; the two readers claim rows a chunk at a time under a lock, each up
/// to the other's last claim, so every row is counted exactly once whatever their speeds.
package struct PeriodScan {
    let period: ReportingPeriod
    let settings: ComputeSettings
    /// Rows read before they are claimed (tests make it small so the readers meet often).
    package var rowsPerClaim = 1024

    /// A scan of `period` (and the period before) under `settings`.
    package init(period: ReportingPeriod, settings: ComputeSettings, rowsPerClaim: Int = 1024) {
        self.period = period
        self.settings = settings
        self.rowsPerClaim = rowsPerClaim
    }

    /// What the scan produced.
    package struct Result {
        package var counts: PeriodTallies
        package var audit: DeadlineAudit
    }

    /// Scans `database` (the caller's connection, used on this thread) and a second read-only
    /// connection to the same file on another thread.
    package func run(database: Database) throws -> Result {
        let statutory = try NameTables.statutoryTimes(in: database)
        if let progress = settings.progress {
            // Counted only when someone watches: it reads the table once more.
            let range = PeriodTallies(periods: [period, period.previous], rules: settings.counting)
            let total = try DossierTable.formRowCount(firstDay: range.firstDay, endDay: range.endDay, in: database)
            progress.begin("dossiers", total: Int64(total), measure: .rows)
        }
        defer { settings.progress?.end() }
        let meeting = Meeting()
        let path = database.path, job = UncheckedBox((self, statutory))
        let backwards = BackgroundTask { _ in
            let (scan, statutory) = job.value
            let calendar = scan.settings.calendar.copy()  // calendars cache per thread
            var settings = scan.settings
            settings.calendar = calendar
            let half = PeriodScan(period: scan.period, settings: settings, rowsPerClaim: scan.rowsPerClaim)
            do {
                return try half.scanHalf(
                    Database(path: path, readOnly: true), ascending: false, meeting: meeting, statutory: statutory)
            } catch {
                meeting.abandon()
                throw error
            }
        }
        let forwards: Result
        do {
            forwards = try scanHalf(database, ascending: true, meeting: meeting, statutory: statutory)
        } catch {
            meeting.abandon()
            _ = try? backwards.wait()
            throw error
        }
        var result = forwards
        let other = try backwards.wait()
        result.counts.merge(other.counts)
        // The backward half found its audit findings in descending key order; they follow ours.
        var reversed = other.audit
        reversed.findings.reverse()
        result.audit.merge(reversed)
        return result
    }

    /// The rows of one half, read `ascending` or not, a chunk at a time, each chunk claimed before
    /// it is counted.
    private func scanHalf(
        _ database: Database, ascending: Bool, meeting: Meeting, statutory: [Int64: (Int, String)]
    ) throws -> Result {
        var counts = PeriodTallies(periods: [period, period.previous], rules: settings.counting)
        var audit = DeadlineAudit(period: period, settings: settings)
        let cursor = try DossierTable.FormCursor(
            firstDay: counts.firstDay, endDay: counts.endDay, ascending: ascending,
            reading: settings.counting.optionalColumns, in: database)
        var chunk: [CountedDossier] = []
        chunk.reserveCapacity(rowsPerClaim)
        var more = true
        while more {
            chunk.removeAll(keepingCapacity: true)
            try cursor.next(rowsPerClaim, into: &chunk)
            let claimed = meeting.claim(chunk.map(\.dossierID), ascending: ascending)
            more = claimed == chunk.count && chunk.count == rowsPerClaim
            settings.progress?.add(rows: Int64(claimed))
            for index in 0..<claimed {
                // Rows are read in place: most only add to the counts, and copying one (its id is a
                // string) for each would cost more than the counting.
                counts.add(chunk[index])
                guard
                    audit.concerns(
                        status: chunk[index].status, receivedDay: chunk[index].receivedDay, endDay: chunk[index].endDay)
                else { continue }
                let row = chunk[index]
                var dossier = DeadlineAudit.Dossier(
                    dossierID: row.dossierID, unitID: row.unitID, procedureID: row.procedureID,
                    receivedAt: row.receivedAt, receivedDay: row.receivedDay, dueDay: row.dueDay, status: row.status,
                    endDay: row.endDay)
                if let (time, unit) = statutory[dossier.procedureID] {
                    (dossier.statutoryTime, dossier.timeUnit) = (time, unit)
                }
                try audit.add(dossier)
            }
        }
        return Result(counts: counts, audit: audit)
    }

    /// Where the two readers have got to: the forward one has counted every key up to
    /// `forwardLast`, the backward one every key from `backwardLast` on.
    final class Meeting: @unchecked Sendable {
        private let lock = PosixCondition()
        private var forwardLast: String?
        private var backwardLast: String?
        private var abandoned = false

        /// Of `keys` (in the reader's order), how many lie before the other reader's claim; those
        /// are now this reader's. A reader stops once it gets fewer than it read.
        func claim(_ keys: [String], ascending: Bool) -> Int {
            lock.lock()
            defer { lock.unlock() }
            if abandoned { return 0 }
            var count = keys.count
            if ascending, let limit = backwardLast {
                count = keys.firstIndex { $0.compareUTF8(limit) >= 0 } ?? keys.count
            } else if !ascending, let limit = forwardLast {
                count = keys.firstIndex { $0.compareUTF8(limit) <= 0 } ?? keys.count
            }
            if count > 0 {
                if ascending { forwardLast = keys[count - 1] } else { backwardLast = keys[count - 1] }
            }
            return count
        }

        /// Makes the other reader stop at its next claim (this one failed).
        func abandon() {
            lock.lock()
            abandoned = true
            lock.unlock()
        }
    }
}
