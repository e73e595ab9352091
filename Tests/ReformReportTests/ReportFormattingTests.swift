import ReformTestSupport
import Testing

@testable import ReformCalendar
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformReport
@testable import ReformStore
@testable import ReformSupport
@testable import ReformTabular

@Suite struct PercentageTests {
    @Test func roundsHalfUpFromExactIntegers() {
        #expect(Percentage.text(2, 3) == "66.67")
        #expect(Percentage.text(1, 3) == "33.33")
        #expect(Percentage.text(1, 8) == "12.50")
        #expect(Percentage.text(1, 1) == "100.00")
        #expect(Percentage.text(0, 7) == "0.00")
        // Exactly half a hundredth rounds up: 1/20000 = 0.005%.
        #expect(Percentage.text(1, 20000) == "0.01")
        #expect(Percentage.text(1, 40000) == "0.00")
        // 0.965 is not exactly representable in binary floating point; integers get it right.
        #expect(Percentage.text(193, 200) == "96.50")
        #expect(Percentage.text(19_299, 20_000) == "96.50")
        #expect(Percentage.text(38_599, 40_000) == "96.50")
        #expect(Percentage.text(5, 0) == nil)
    }

    @Test func plainFormatting() {
        #expect(Percentage.plain(9650) == "96.50")
        #expect(Percentage.plain(5) == "0.05")
        #expect(Percentage.plain(-125) == "-1.25")
    }
}

@Suite struct VietnameseFormatTests {
    @Test func groupsThousandsWithDots() {
        #expect(VietnameseFormat.integer(0) == "0")
        #expect(VietnameseFormat.integer(999) == "999")
        #expect(VietnameseFormat.integer(1204) == "1.204")
        #expect(VietnameseFormat.integer(1_234_567) == "1.234.567")
        #expect(VietnameseFormat.integer(-1204) == "-1.204")
    }

    @Test func percentWithDecimalComma() {
        #expect(VietnameseFormat.percent(hundredths: 9650) == "96,5%")
        #expect(VietnameseFormat.percent(hundredths: 9655) == "96,55%")
        #expect(VietnameseFormat.percent(hundredths: 9605) == "96,05%")
        #expect(VietnameseFormat.percent(hundredths: 10000) == "100%")
        #expect(VietnameseFormat.percent(hundredths: 0) == "0%")
        #expect(VietnameseFormat.percent(hundredths: nil) == "—")
        // A fall keeps its sign, also below one point (a change of -0.50 is not a rise).
        #expect(VietnameseFormat.percent(hundredths: -50) == "-0,5%")
        #expect(VietnameseFormat.decimal(hundredths: -5) == "-0,05")
        #expect(VietnameseFormat.decimal(hundredths: -150) == "-1,5")
        #expect(VietnameseFormat.percent(hundredths: -123_456) == "-1.234,56%")
    }
}

@Suite struct ReportSafetyTests {
    static let hostile = "<script>alert('x')</script> & \"Quận\" =HYPERLINK(\"http://x\")"

    @Test func htmlEscapesEveryDataValue() {
        var row = Bieu06Row(key: "=1+1", name: Self.hostile)
        row[.total] = 1
        row[.pending] = 1
        row[.pendingNoDue] = 1
        row[.newOnline] = 1
        let page = Bieu06Page(
            period: ReportingPeriod(label: "2025-03")!, units: [row], fields: [row],
            violations: [(.unit, IdentityViolation(key: "<b>", identity: "x", left: 1, right: 2))],
            quality: DataQuality.empty, generatedAt: nil
        ).html()
        #expect(!page.contains("<script>"))
        #expect(!page.contains("<b>"))
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Quận&quot;"))
        #expect(!page.contains("http://x\"") && !page.contains("src=") && !page.contains("<link"))
    }

    @Test func csvGuardsFormulasInUnitNamesAndCodes() {
        var row = Bieu06Row(key: "-001", name: "=HYPERLINK(\"http://x\")")
        row[.total] = 1
        row[.newOnline] = 1
        row[.pending] = 1
        row[.pendingNoDue] = 1
        let text = String(
            decoding: Bieu06CSV.file([row], period: ReportingPeriod(label: "2025-03")!, dimension: .unit).dropFirst(3),
            as: UTF8.self)
        #expect(text.split(separator: "\r\n")[1].hasPrefix("2025-03,'-001,\"'=HYPERLINK(\"\"http://x\"\")\",1,"))
    }

    /// A row without decided dossiers has an empty rate cell (pending_no_due 3, the rate, then the
    /// three counts added after it).
    @Test func aRowWithoutDecisionsHasNoRate() {
        var empty = Bieu06Row(key: "x", name: "")
        empty[.total] = 3
        empty[.pending] = 3
        empty[.pendingNoDue] = 3
        empty[.carriedIn] = 3
        let tail = Array("3,,0,0,0\r\n".utf8)
        #expect(
            Bieu06CSV.file([empty], period: ReportingPeriod(label: "2025-03")!, dimension: .unit).suffix(tail.count)
                == tail[...])
    }
}
