import Testing

@testable import ReformMetrics
@testable import ReformModel

/// The metrics' statistics, each on numbers worked out by hand.
@Suite struct StatisticsTests {
    @Test func competitionRanksComparedAsWritten() {
        #expect(Statistics.competitionRanks([9570, 9570, 8800, 9622]) == [2, 2, 4, 1])
        // 88.004 and 87.996 are both written 88.00, so they tie.
        let written = [Percentage.hundredths(88004, 100000)!, Percentage.hundredths(87996, 100000)!, 9000]
        #expect(Statistics.competitionRanks(written) == [2, 2, 1])
    }

    @Test func competitionRanksWithinGroups() {
        // Hà Nội's published PAR INDEX 2023: departments and districts ranked apart.
        let values = [9400, 9630, 9570, 9000, 9570, 9522]
        let groups = ["department", "district", "district", "department", "district", "district"]
        #expect(Statistics.competitionRanks(values, groups: groups) == [1, 1, 2, 2, 2, 4])
        #expect(Statistics.competitionRanks([], groups: []) == [])
    }

    @Test func groupedRanksAgreeWithCountingHigherValuesInTheGroup() {
        // The definition, brute force: 1 + the values of the same group that are higher.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let count = Int.random(in: 0...40, using: &generator)
            let values = (0..<count).map { _ in Int.random(in: 0...6, using: &generator) }
            let groups = (0..<count).map { _ in ["a", "b", "c"].randomElement(using: &generator)! }
            let expected = values.indices.map { i in
                1 + values.indices.filter { groups[$0] == groups[i] && values[$0] > values[i] }.count
            }
            #expect(Statistics.competitionRanks(values, groups: groups) == expected)
        }
    }

    @Test func wilsonIntervalOfEightOfTen() throws {
        let interval = try #require(Statistics.wilson(8, 10, z: 1.959964))
        #expect(interval.low == 4902 && interval.high == 9433)
        #expect(Statistics.wilson(0, 0, z: 1.96) == nil)
        #expect(Statistics.wilson(10, 10, z: 1.959964)?.high == 10000)
    }

    /// February 6/12 against March 12/12: 0.5 / √(0.75·0.25·(1/12 + 1/12)) = 2.83; equal shares give 0.
    @Test func pooledZOfTwoShares() {
        #expect(Statistics.pooledZ(12, 12, 6, 12) > 2.82 && Statistics.pooledZ(12, 12, 6, 12) < 2.84)
        #expect(Statistics.pooledZ(5, 5, 7, 7) == 0)
    }

    /// The chance of so many completions on the due date: exact for small counts, normal for large.
    @Test func gamingTailProbability() {
        #expect(abs(Statistics.upperTail(2, shares: [0.5, 0.5]) - 0.25) < 1e-12)
        #expect(abs(Statistics.upperTail(1, shares: [0.5, 0.5]) - 0.75) < 1e-12)
        #expect(abs(Statistics.upperTail(1, shares: [0.2, 0.25, 1.0 / 3]) - (1 - 0.8 * 0.75 * 2 / 3)) < 1e-12)
        #expect(Statistics.upperTail(0, shares: [0.1]) == 1)
        #expect(Statistics.upperTail(3, shares: [0.5, 0.5]) == 0)
        // 1,000 dossiers with share 1/5: mean 200, sd 12.6; 250 or more is about 3.9 sd above.
        let tail = Statistics.upperTail(250, shares: Array(repeating: 0.2, count: 1000))
        #expect(tail > 3e-5 && tail < 1e-4)
    }
}
