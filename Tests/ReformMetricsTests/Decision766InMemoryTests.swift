import Foundation
import Testing

@testable import ReformMetrics
@testable import ReformModel
@testable import ReformStore

/// Decision 766 on dossiers held in memory: no CSV, no database.
@Suite struct Decision766InMemoryTests {
    static func dossier(
        unit: String = "001", channel: Channel = .direct, status: LifecycleClass = .resolved, received: Int,
        due: Int?, end: Int?, supplements: Int = 0, waited: Int = 0, complaint: Bool = false,
        mode: OnlineMode = .unspecified, extendedDue: Int? = nil, level: String = ""
    ) -> IndexQueries.Dossier766 {
        IndexQueries.Dossier766(
            unitCode: unit, channel: channel.rawValue, status: status.rawValue, receivedDay: received, dueDay: due,
            endDay: end, onlinePayment: false, digitized: false, eResult: false, reusedData: false,
            supplementCount: supplements, supplementDays: waited, complaint: complaint, inCatalogue: !level.isEmpty,
            hasFee: false, paperResultRequired: false, onlineMode: mode.rawValue, extendedDueDay: extendedDue,
            procedureID: Int64(levels.firstIndex(of: level)!))
    }

    /// The catalogue levels the dossiers' procedures have; a procedure's id is its level's place here.
    static let levels = ["", "Toàn trình", "full", "Mức độ 4", "4", "một phần"]

    /// Counts the dossiers as the yearly indices do (eligibility read from the catalogue's level).
    static func counts(
        _ dossiers: [IndexQueries.Dossier766], extended: Bool = false
    ) -> [String: YearlyIndices.Counts766] {
        var units: [String: YearlyIndices.Counts766] = [:]
        for dossier in dossiers {
            units[dossier.unitCode, default: .init()].add(
                dossier, eligibleForFullOnline: DossierValues.onlineMode(levels[Int(dossier.procedureID)]) == .full,
                from: 100, to: 200, extendedAppointments: extended)
        }
        return units
    }

    @Test func group3IsTheFullyOnlineRatioOfEligibleProceduresAnd33IsReportedWithoutPoints() {
        let dossiers = [
            Self.dossier(channel: .online, received: 100, due: 110, end: 110, mode: .full, level: "Toàn trình"),
            Self.dossier(channel: .online, received: 101, due: 110, end: 110, mode: .partial, level: "full"),
            Self.dossier(received: 102, due: 110, end: 110, level: "Mức độ 4"),
            Self.dossier(channel: .online, received: 103, due: 110, end: 110, level: "4"),
            // Not eligible: partly online procedures, or not in the catalogue, stay out of both sides.
            Self.dossier(channel: .online, received: 104, due: 110, end: 110, mode: .full, level: "một phần"),
            Self.dossier(channel: .online, received: 105, due: 110, end: 110, mode: .full),
        ]
        let rows = YearlyIndices.decision766(
            units: Self.counts(dossiers), period: "2025", settings: IndexSettings(), names: [:],
            groups: UnitGroups(stated: [:], levels: UnitLevels()))
        let group3 = rows.first { $0.criterion == "3" }
        // 1 fully online of 4 eligible: 25% of 12 points (no target: R × max).
        #expect(group3?.numerator == 1 && group3?.denominator == 4 && group3?.ratio == 2500)
        #expect(group3?.maxPoints == 1200 && group3?.score == 300)
        let c33 = rows.first { $0.criterion == "3.3" }
        #expect(c33?.numerator == 5 && c33?.denominator == 6 && c33?.ratio == 8333)
        #expect(c33?.maxPoints == 0 && c33?.score == nil)
        let total = rows.first(where: \.isTotal)
        #expect(total?.maxPoints == rows.filter { !$0.isTotal && $0.score != nil }.reduce(0) { $0 + $1.maxPoints })
        // A definition giving 3.3 points scores it again.
        var settings = IndexSettings()
        settings.criteria[settings.criteria.firstIndex { $0.code == "3.3" }!].maxHundredths = 1200
        let again = YearlyIndices.decision766(
            units: Self.counts(dossiers), period: "2025", settings: settings, names: [:],
            groups: UnitGroups(stated: [:], levels: UnitLevels()))
        #expect(again.first { $0.criterion == "3.3" }?.score == 1200)
    }

    @Test func criterion21FollowsTheExtensionRule() {
        // Late against the original appointment (110), on time against the extended one (115).
        let dossiers = [
            Self.dossier(received: 100, due: 110, end: 114, extendedDue: 115),
            Self.dossier(status: .pending, received: 100, due: 150, end: nil, extendedDue: 250),
            Self.dossier(received: 100, due: 110, end: 109),
        ]
        func c21(_ extended: Bool) -> Index766Row? {
            var settings = IndexSettings()
            settings.extension = extended ? .extended : .original
            return YearlyIndices.decision766(
                units: Self.counts(dossiers, extended: extended), period: "2025", settings: settings, names: [:],
                groups: UnitGroups(stated: [:], levels: UnitLevels())
            ).first { $0.criterion == "2.1" }
        }
        #expect(c21(false)?.numerator == 1 && c21(false)?.denominator == 3)
        #expect(c21(true)?.numerator == 3 && c21(true)?.denominator == 3)
    }

    @Test func criterion21AndTheTotalFromCountsInMemory() {
        // The period is days [100, 200).
        let dossiers = [
            Self.dossier(channel: .online, received: 100, due: 110, end: 110),  // on its due day
            Self.dossier(received: 100, due: 110, end: 112, waited: 2),  // late by 2, waited 2: on time for 2.1
            Self.dossier(received: 100, due: 110, end: 105, supplements: 2),  // two requests: late for 2.1
            Self.dossier(status: .pending, received: 190, due: 210, end: nil),  // open, not yet due
            Self.dossier(status: .pending, received: 150, due: 160, end: nil, complaint: true),  // open and overdue
            Self.dossier(unit: "002", received: 100, due: nil, end: 101),  // no due date: outside 2.1
        ]
        let rows = YearlyIndices.decision766(
            units: Self.counts(dossiers), period: "2025", settings: IndexSettings(), names: ["001": "A"],
            groups: UnitGroups(stated: [:], levels: UnitLevels()))
        let first = rows.filter { $0.unitCode == "001" }
        let c21 = first.first { $0.criterion == "2.1" }
        // On time: the first two and the one not yet due; of five with a due date.
        #expect(c21?.numerator == 3 && c21?.denominator == 5 && c21?.ratio == 6000)
        let c33 = first.first { $0.criterion == "3.3" }
        #expect(c33?.numerator == 1 && c33?.denominator == 5 && c33?.ratio == 2000)
        // 5.4: decided 3 (early 1, on time 1, late 1) → 1 − 1/3 − 1/5 = 7/15 = 46.67%.
        #expect(first.first { $0.criterion == "5.4" }?.ratio == 4667)
        let totals = rows.filter(\.isTotal)
        #expect(totals.map(\.unitCode) == ["001", "002"] && totals.map(\.unitName) == ["A", ""])
        // The total sums the criteria that could be scored, and both units are ranked.
        let scored = first.filter { !$0.isTotal && $0.score != nil }
        #expect(totals[0].maxPoints == scored.reduce(0) { $0 + $1.maxPoints })
        #expect(totals[0].score == scored.compactMap(\.score).reduce(0, +))
        #expect(totals.allSatisfy { $0.rank != nil })
    }
}
