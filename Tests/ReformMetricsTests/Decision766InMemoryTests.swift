import Foundation
import Testing

@testable import ReformMetrics
@testable import ReformModel
@testable import ReformStore

/// Decision 766 on dossiers held in memory: no CSV, no database.
@Suite struct Decision766InMemoryTests {
    static func dossier(
        unit: String = "001", channel: Channel = .direct, status: LifecycleClass = .resolved, received: Int,
        due: Int?, end: Int?, supplements: Int = 0, waited: Int = 0, complaint: Bool = false
    ) -> IndexQueries.Dossier766 {
        IndexQueries.Dossier766(
            unitCode: unit, channel: channel.rawValue, status: status.rawValue, receivedDay: received, dueDay: due,
            endDay: end, onlinePayment: false, digitized: false, eResult: false, reusedData: false,
            supplementCount: supplements, supplementDays: waited, complaint: complaint, inCatalogue: false,
            hasFee: false, paperResultRequired: false)
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
        var units: [String: YearlyIndices.Counts766] = [:]
        for dossier in dossiers { units[dossier.unitCode, default: .init()].add(dossier, from: 100, to: 200) }
        let rows = YearlyIndices.decision766(
            units: units, period: "2025", settings: IndexSettings(), names: ["001": "A"],
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
