import ReformIngest
import ReformMetrics
import ReformModel
import ReformSupport
import ReformTabular

/// Exports for auditors' tests and the committed audit sample: months on both sides of a
/// reorganisation (districts before it, communes after), clean except for the anomalies planted —
/// one or more of each integrity check — which are listed in a manifest so tests can tell planted
/// findings from false alarms.
extension SampleGenerator {
    /// One planted anomaly: the check that must flag it, the dossier (empty for due-date gaming,
    /// which is a pattern) and the exported unit code and month the check reports.
    public struct PlantedAnomaly: Equatable, Sendable {
        public var check: String
        public var dossierID: String
        public var unitCode: String
        public var period: Month
    }

    /// Monthly exports over `months` (vendor styles in turn) and what was planted; `plant: false`
    /// gives clean data. A few dossiers received in the reorganisation's first month still carry
    /// their old district code, as one-stop systems did while they were updated.
    public mutating func auditExports(months: [Month], perMonth: Int, plant: Bool) throws -> (
        files: [(String, [UInt8])], planted: [PlantedAnomaly]
    ) {
        evenCompletions = true
        defer { evenCompletions = false }
        var all: [SampleDossier] = []
        var lastExported: [SampleDossier.Snapshot?] = []
        var files: [(String, [UInt8])] = []
        var planted: [PlantedAnomaly] = []
        func note(_ check: String, _ dossier: SampleDossier, period: Month? = nil) {
            planted.append(
                PlantedAnomaly(
                    check: check, dossierID: dossier.id, unitCode: units[dossier.unit].code,
                    period: period ?? Month(containingDay: dossier.received / 1440)))
        }
        for (index, month) in months.enumerated() {
            var received = try simulate(month: month, count: perMonth)
            let turn = index % 4  // which anomalies this month plants, so they spread over the range
            if let reform, month.firstDay == reform.day {
                // Systems not yet updated: old district codes on new receipts (data quality, not an anomaly).
                for position in received.indices.prefix(3) {
                    received[position].unit = (reform.firstUnit - 1 - position) % reform.firstUnit
                }
            }
            if plant && index > 0 {
                // Receipts of this month only (a weekend first day moves a receipt into the previous one).
                let resolved = received.indices.filter {
                    received[$0].outcome == .resolved && received[$0].dueDay != nil
                        && Month(containingDay: received[$0].received / 1440) == month
                }
                if turn == 0, let pick = resolved.first {
                    // An appointment two days before the receipt (late with an apology, so nothing else fires).
                    received[pick].dueDay = received[pick].received / 1440 - 2
                    received[pick].apology = true
                    note("due_before_received", received[pick])
                }
                if turn == 1 {
                    for pick in resolved.filter({ received[$0].completed! / 1440 > received[$0].dueDay! }).prefix(2) {
                        received[pick].apology = false
                        note("late_without_apology", received[pick])
                    }
                }
                if turn == 2 {
                    if let pattern = try plantDueDateGaming(in: &received, month: month, earlier: all) {
                        note("due_date_gaming", pattern, period: month)
                    }
                }
            }
            all += received
            lastExported += Array(repeating: nil, count: all.count - lastExported.count)
            let at = Self.snapshotMinute(after: month)
            let previousExport = lastExported
            var rows: [(SampleDossier, SampleDossier.Snapshot)] = []
            for (position, dossier) in all.enumerated() {
                guard let snapshot = dossier.snapshot(at: at) else { continue }
                // Never exported yet (a receipt moved back from a weekend first day appears in this one).
                let isNew = lastExported[position] == nil
                if isNew || (lastExported[position] != nil && lastExported[position] != snapshot) {
                    rows.append((dossier, snapshot))
                    lastExported[position] = snapshot
                }
            }
            if plant && index > 0 {
                // Dossiers the previous export showed finished, and ones it showed pending.
                let earlier = all.indices.filter { previousExport.indices.contains($0) && previousExport[$0] != nil }
                let finished = earlier.filter {
                    previousExport[$0]!.completed != nil && all[$0].outcome == .resolved
                        && lastExported[$0] == previousExport[$0]
                }
                let pending = earlier.filter {
                    previousExport[$0]!.completed == nil && all[$0].dueDay != nil && all[$0].outcome == .resolved
                        && all[$0].completed! > at
                }
                if turn == 1, let pick = finished.last {
                    // Re-exported as pending again: a finished dossier moved backwards.
                    let back = SampleDossier.Snapshot(state: .processing, completed: nil, returned: nil, apology: false)
                    rows.removeAll { $0.0.id == all[pick].id }
                    rows.append((all[pick], back))
                    lastExported[pick] = back
                    note("state_regressed", all[pick])
                }
                if turn == 3, let pick = finished.dropLast().last,
                    all[pick].completed! - 2 * 1440 >= all[pick].received
                {
                    // Re-exported with a completion date two days earlier.
                    var earlierDate = lastExported[pick]!
                    earlierDate.completed! -= 2 * 1440
                    earlierDate.returned = nil
                    earlierDate.state = .resolved
                    rows.removeAll { $0.0.id == all[pick].id }
                    rows.append((all[pick], earlierDate))
                    lastExported[pick] = earlierDate
                    note("state_regressed", all[pick])
                }
                if turn == 2, let pick = pending.first {
                    // The appointment moved three working days later, from this export on.
                    all[pick].dueDay = try calendar.addWorkingDays(3, to: all[pick].dueDay!)
                    all[pick].apology = true
                    rows.removeAll { $0.0.id == all[pick].id }
                    rows.append((all[pick], all[pick].snapshot(at: at)!))
                    lastExported[pick] = all[pick].snapshot(at: at)!
                    note("due_changed", all[pick])
                }
                if turn == 0,
                    let (dossier, snapshot) = rows.first(where: {
                        $0.1.state == .processing && Month(containingDay: $0.0.received / 1440) == month
                    })
                {
                    // The same dossier twice in one export, the lines disagreeing on the channel.
                    var twin = dossier
                    twin.channel = dossier.channel == .online ? .direct : .online
                    rows.insert((twin, snapshot), at: 0)
                    note("conflicting_duplicate", dossier)
                }
            }
            let styleName = Self.vendorStyle(index)
            guard let exportStyle = ExportStyle.named(styleName, random: &randomForStyles, variant: index) else {
                throw SampleError.unknownStyle(styleName)
            }
            let refused: [RejectReason] = plant && turn == 3 ? [.completedBeforeReceived] : []
            let sequenceBefore = sequence
            files.append(
                ("\(month)_\(styleName).csv", export(rows, style: exportStyle, planted: refused)))
            if !refused.isEmpty, let near = rows.dropFirst(rows.count / 2).first?.0 {
                // The planted row's id is the one badRow numbered, beside the middle row.
                var refusedRow = near
                refusedRow.id = "\(units[near.unit].code).H26-LOI-\(CivilDate.pad(sequenceBefore + 1, 6))"
                note("completed_before_received", refusedRow)
            }
        }
        return (files, planted.sorted { ($0.check, $0.dossierID) < ($1.check, $1.dossierID) })
    }

    /// One unit records its results of `month` on the appointment date itself: early ones, and ones
    /// up to five days late (recorded as on time). Tried unit by unit, busiest first; kept only where
    /// the month's completions of that unit then stand out beyond doubt — at least 2.5 times what
    /// chance gives the due date, with a chance of that many below 10⁻⁸ — so the planted case is
    /// flagrant whatever else the unit finished that month.
    /// Returns a dossier of the unit (its id blanked: the finding is a pattern), or nil when no unit qualifies.
    mutating func plantDueDateGaming(in received: inout [SampleDossier], month: Month, earlier: [SampleDossier])
        throws -> SampleDossier?
    {
        let movable = received.indices.filter {
            let dossier = received[$0]
            guard dossier.outcome == .resolved, let due = dossier.dueDay, let completed = dossier.completed,
                Month(containingDay: dossier.received / 1440) == month, Month(containingDay: due) == month
            else { return false }
            return completed / 1440 != due && completed / 1440 <= due + 5
        }
        let byUnit = Dictionary(grouping: movable, by: { received[$0].unit }).sorted {
            ($0.value.count, $1.key) > ($1.value.count, $0.key)
        }
        for (unit, picks) in byUnit where picks.count >= 15 {
            var trial = received
            for pick in picks { trial[pick].completed = trial[pick].dueDay! * 1440 + 900 }
            // The month's completions of the unit within five days before their due date, as the audit sees them.
            var shares: [Double] = []
            var onDue = 0
            for dossier in earlier + trial where dossier.unit == unit && dossier.outcome == .resolved {
                guard let due = dossier.dueDay, let completed = dossier.completed.map({ $0 / 1440 }),
                    Month(containingDay: completed) == month, completed <= due, completed >= due - 5
                else { continue }
                var before = 0
                for day in max(due - 5, dossier.received / 1440)..<due where try calendar.isWorkingDay(day) {
                    before += 1
                }
                shares.append(1 / Double(1 + before))
                if completed == due { onDue += 1 }
            }
            guard Double(onDue) >= 2.5 * shares.reduce(0, +), Statistics.upperTail(onDue, shares: shares) < 1e-8
            else { continue }
            for pick in picks {
                received[pick].completed = received[pick].dueDay! * 1440 + random.int(900...1020)
                received[pick].returned = received[pick].completed! + random.int(10...200)
            }
            var pattern = received[picks[0]]
            pattern.id = ""
            return pattern
        }
        return nil
    }

    /// The manifest of planted anomalies: `check,dossier_id,unit_code,period`.
    public static func manifest(_ planted: [PlantedAnomaly]) -> [UInt8] {
        var writer = CSVWriter(header: ["check", "dossier_id", "unit_code", "period"])
        for anomaly in planted {
            writer.writeRow([
                .text(anomaly.check), .text(anomaly.dossierID), .text(anomaly.unitCode),
                .text(anomaly.period.description),
            ])
        }
        return writer.bytes
    }
}
