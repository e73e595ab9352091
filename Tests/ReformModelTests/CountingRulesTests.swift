import Testing

@testable import ReformModel

/// The counting rules (docs/contract.md §9) read from and write to the same text.
@Suite struct CountingRulesTests {
    @Test func countingRulesReadAndWriteTheSameText() throws {
        for rules in CountingRules.all {
            #expect(try CountingRules.parse(rules.description).get() == rules)
            #expect(
                try CountingRules.parse(rules.settings.map { "\($0.key)=\($0.value)" }.joined(separator: ",")).get()
                    == rules)
        }
        #expect(CountingRules.all.count == 32 && Set(CountingRules.all).count == 32 && CountingRules.all[0].isDefault)
        #expect(try CountingRules.parse("").get() == CountingRules())
        for bad in [
            "withdrawn=yes", "late=on_time", "withdrawn", "withdrawn=on_time,withdrawn=separate", "compare=Date",
        ] {
            #expect(throws: CountingRulesError.self, "\(bad)") { try CountingRules.parse(bad).get() }
        }
    }
}
