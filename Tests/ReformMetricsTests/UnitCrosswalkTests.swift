import Foundation
import ReformTestSupport
import Testing

@testable import ReformCalendar
@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformStore
@testable import ReformSupport
@testable import ReformTabular

/// Attribution to dated units and across a reorganisation, on a small hand-made territory:
/// districts 101 (communes 10001, 10002) and 102 (10003, 10004) until 1 July 2025, then
/// 10001 "Phường X" (from 10001 and 10002 whole and part of 10004 — the code is reused) and
/// 20001 "Xã Y" (from 10003 whole and the rest of 10004).
@Suite struct UnitCrosswalkTests {
    static let before = CivilDate.dayNumber(year: 2024, month: 11, day: 1)
    static let reform = CivilDate.dayNumber(year: 2025, month: 7, day: 1)
    static let june = CivilDate.dayNumber(year: 2025, month: 6, day: 10)
    static let july = CivilDate.dayNumber(year: 2025, month: 7, day: 10)
    static let august = Month(year: 2025, month: 8).endDay

    static func crosswalk(withMap: Bool = true) -> UnitCrosswalk {
        typealias U = UnitCrosswalk.ListedUnit
        let old: [String: U] = [
            "101": U(level: "district", name: "Quận Một", parent: "01"),
            "102": U(level: "district", name: "Huyện Hai", parent: "01"),
            "10001": U(level: "commune", name: "Phường Cũ", parent: "101"),
            "10002": U(level: "commune", name: "Phường Hai", parent: "101"),
            "10003": U(level: "commune", name: "Xã Ba", parent: "102"),
            "10004": U(level: "commune", name: "Xã Bốn", parent: "102"),
        ]
        let new: [String: U] = [
            "10001": U(level: "commune", name: "Phường X", parent: "01"),
            "20001": U(level: "commune", name: "Xã Y", parent: "01"),
        ]
        let merges: [(new: String, old: String, full: Bool)] = [
            ("10001", "10001", true), ("10001", "10002", true), ("10001", "10004", false),
            ("20001", "10003", true), ("20001", "10004", false),
        ]
        return UnitCrosswalk(
            lists: [(before, old), (reform, new)], reformDay: withMap ? reform : nil, merges: withMap ? merges : [])
    }

    func attribute(_ code: String, _ day: Int, _ view: UnitView, withMap: Bool = true) -> (String, Bool, Bool) {
        let a = Self.crosswalk(withMap: withMap).attribute(code, receivedDay: day, view: view, rangeEndDay: Self.august)
        return ((a.unit.afterReform ? "new " : "old ") + a.unit.code, a.exact, a.fromOtherSystem)
    }

    @Test func aReusedCodeIsTwoUnits() {
        let crosswalk = Self.crosswalk()
        let june = crosswalk.attribute("10001", receivedDay: Self.june, view: .current, rangeEndDay: Self.reform)
        let july = crosswalk.attribute("10001", receivedDay: Self.july, view: .current, rangeEndDay: Self.august)
        // Reporting up to June: the old commune as itself; its name is the old one.
        #expect(june.unit == ReportedUnit(afterReform: false, code: "10001") && june.exact)
        #expect(crosswalk.name(of: june.unit) == "Phường Cũ")
        #expect(july.unit == ReportedUnit(afterReform: true, code: "10001"))
        #expect(crosswalk.name(of: july.unit) == "Phường X")
    }

    @Test func currentViewMapsOldUnitsForward() {
        #expect(attribute("10001", Self.june, .current) == ("new 10001", true, false))  // whole, one target
        #expect(attribute("10004", Self.june, .current) == ("new 10001", false, false))  // split: lowest, estimate
        #expect(attribute("101", Self.june, .current) == ("new 10001", true, false))  // both communes whole into X
        // 102's communes went to Y (10003) and, first by code, X (10004): a tie goes to the lowest code.
        #expect(attribute("102", Self.june, .current) == ("new 10001", false, false))
        #expect(attribute("20001", Self.july, .current) == ("new 20001", true, false))
    }

    @Test func legacyViewMapsNewCommunesBackToDistricts() {
        #expect(attribute("20001", Self.july, .legacy) == ("old 102", true, false))  // all sources in 102
        #expect(attribute("10001", Self.july, .legacy) == ("old 101", false, false))  // 2 of 3 sources in 101
        #expect(attribute("10003", Self.june, .legacy) == ("old 102", true, false))  // a commune rolls up
        #expect(attribute("102", Self.june, .legacy) == ("old 102", true, false))
    }

    @Test func codesOfTheOtherSystemAndUnknownCodes() {
        // An old district code on a receipt after the reform: taken from the old list and mapped forward.
        #expect(attribute("101", Self.july, .current) == ("new 10001", true, true))
        let unknown = Self.crosswalk().attribute("999", receivedDay: Self.july, view: .legacy, rangeEndDay: Self.august)
        #expect(unknown.unknown && unknown.exact && unknown.unit == ReportedUnit(afterReform: true, code: "999"))
    }

    @Test func withoutAMergeMapNothingCrossesTheReform() {
        #expect(attribute("10001", Self.june, .current, withMap: false) == ("old 10001", true, false))
        #expect(attribute("10001", Self.july, .current, withMap: false) == ("new 10001", true, false))
        #expect(attribute("10002", Self.june, .legacy, withMap: false) == ("old 101", true, false))
        #expect(attribute("20001", Self.july, .legacy, withMap: false) == ("new 20001", true, false))
    }

    @Test func mostFrequentBreaksTiesByLowestCode() {
        #expect(UnitCrosswalk.mostFrequent(["b", "a", "b", "a", "c"]) == "a")
        #expect(UnitCrosswalk.mostFrequent(["z", "y", "z"]) == "z")
        #expect(UnitCrosswalk.mostFrequent([]) == nil)
    }

    @Test func effectiveDayComesFromTheFileName() {
        #expect(UnitListIngester.effectiveDay(fileName: "hanoi_units_2025-07-01.csv") == Self.reform)
        #expect(UnitListIngester.effectiveDay(fileName: "units-2025-02-30.csv") == nil)
        #expect(UnitListIngester.effectiveDay(fileName: "units.csv") == nil)
    }
}
