import Testing

@testable import ReformMetrics
@testable import ReformModel
@testable import ReformStore
@testable import ReformSupport

/// What one dossier adds to the form of a period under each counting rule, on facts held in
/// memory (docs/contract.md §3.1, §9): no export, no database.
@Suite struct Bieu06ContributionTests {
    /// March 2025 as day numbers.
    static let march = (
        CivilDate.dayNumber(year: 2025, month: 3, day: 1), CivilDate.dayNumber(year: 2025, month: 4, day: 1)
    )

    static func facts(
        status: LifecycleClass, channel: Channel = .direct, received: Int, due: Int?, end: Int?,
        dueAt: Int64? = nil, endAt: Int64? = nil, waiting: Bool = false, apology: Bool = false
    ) -> DossierFacts {
        var dossier = CountedDossier(
            dossierID: "x", unitID: 1, fieldID: 1, procedureID: 1, channel: channel.rawValue, status: status.rawValue,
            receivedAt: 0, receivedDay: received, dueDay: due, endDay: end, apology: apology, dueAt: dueAt,
            endAt: endAt)
        dossier.waitingSupplement = waiting
        return DossierFacts(dossier)
    }

    static func columns(_ facts: DossierFacts, _ rules: CountingRules = CountingRules()) -> Set<Bieu06Column> {
        guard let row = Bieu06Row.contribution(facts, rules: rules, periodStart: march.0, periodEnd: march.1) else {
            return []
        }
        return Set(Bieu06Column.allCases.filter { row[$0] == 1 })
    }

    let first = Self.march.0

    @Test func withdrawnCountsApartOrAsOnTime() {
        let withdrawn = Self.facts(status: .withdrawn, received: first + 2, due: first + 9, end: first + 3)
        #expect(Self.columns(withdrawn) == [.newDirectPostal, .total, .withdrawnRejected])
        var rules = CountingRules()
        rules.withdrawn = .onTime
        #expect(Self.columns(withdrawn, rules) == [.newDirectPostal, .total, .resolved, .onTime])
    }

    @Test func noDueDateCountsApartOrAsOnTime() {
        let resolved = Self.facts(status: .resolved, channel: .online, received: first, due: nil, end: first + 1)
        #expect(Self.columns(resolved) == [.newOnline, .total, .resolved, .resolvedNoDue, .noDue])
        let pending = Self.facts(status: .pending, received: first - 5, due: nil, end: nil)
        #expect(Self.columns(pending) == [.carriedIn, .total, .pending, .pendingNoDue, .noDue])
        var rules = CountingRules()
        rules.noDue = .onTime
        #expect(Self.columns(resolved, rules) == [.newOnline, .total, .resolved, .onTime, .noDue])
        #expect(Self.columns(pending, rules) == [.carriedIn, .total, .pending, .pendingWithin, .noDue])
    }

    @Test func waitingForASupplementIsWithinOnlyWhenTheRuleSaysSo() {
        let overdue = Self.facts(status: .pending, received: first + 1, due: first + 10, end: nil, waiting: true)
        #expect(Self.columns(overdue) == [.newDirectPostal, .total, .pending, .pendingOverdue])
        var rules = CountingRules()
        rules.supplementWaiting = .within
        #expect(Self.columns(overdue, rules) == [.newDirectPostal, .total, .pending, .pendingWithin])
    }

    @Test func completionLaterOnTheDueDayIsLateOnlyByInstant() {
        let due = first + 10
        let dueAt = Int64(due) * 86_400 - CivilDate.vietnamOffsetSeconds + 9 * 3600  // 09:00 on the due day
        let done = Self.facts(
            status: .resolved, received: first, due: due, end: due, dueAt: dueAt, endAt: dueAt + 3600, apology: true)
        #expect(Self.columns(done) == [.newDirectPostal, .total, .resolved, .onTime])
        var rules = CountingRules()
        rules.compare = .instant
        #expect(Self.columns(done, rules) == [.newDirectPostal, .total, .resolved, .late, .lateWithApology])
    }

    @Test func outsideThePeriodAddsNothingAndARefusalOnlyItsOwnCount() {
        #expect(
            Self.columns(Self.facts(status: .resolved, received: first - 9, due: first - 2, end: first - 1)).isEmpty)
        #expect(Self.columns(Self.facts(status: .pending, received: Self.march.1, due: nil, end: nil)).isEmpty)
        #expect(
            Self.columns(Self.facts(status: .notAccepted, received: first + 4, due: nil, end: nil)) == [.notAccepted])
    }
}
