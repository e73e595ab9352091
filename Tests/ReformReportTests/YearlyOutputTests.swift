import Foundation
import ReformTestSupport
import Testing

@testable import ReformMetrics
@testable import ReformModel
@testable import ReformReport
@testable import ReformTabular

/// The yearly outputs as files and page: cells follow their columns' kinds.
@Suite struct YearlyOutputTests {
    @Test func cellsAreWrittenAsTheirKindSays() {
        let table = OutputTable(ResultRowSamples.par)
        #expect(table.name == "par_index.csv" && table.header == PARRow.header)
        #expect(
            ResultRowSamples.par.map(\.texts) == [
                ["2025", "001", "Quận Ba Đình", "1", "95.71", "100.00", "95.71", "", "", "", "", ""],
                ["2025", "001", "Quận Ba Đình", "total", "95.71", "100.00", "", "95.71", "2", "B", "-1.50", ""],
                ["2025", "=cmd", "", "total", "0.00", "0.00", "", "", "", "", "", ""],
            ])
        // The year and codes are text (a workbook keeps them as labels); numbers are number cells.
        #expect(table.rows[0][0] == .text("2025") && table.rows[0][4] == .number("95.71"))
        #expect(table.rows[1][8] == .number("2") && table.rows[0][7] == .empty)
        let csv = String(decoding: table.csv, as: UTF8.self)
        #expect(csv.contains("2025,'=cmd,,total,0.00,0.00,,,,,,\r\n"))
        #expect(
            ResultRowSamples.delegation.map(\.texts) == [
                ["2025-06-30", "plan_coverage", "708", "1895", "37.36", "37,4", "yes"],
                ["", "decision_rate", "0", "0", "", "", ""],
                ["", "internal_process_rate", "1", "3", "33.33", "40", "no"],
            ])
    }

    @Test func thePageShowsTypedValuesInVietnamese() {
        let indices = YearlyIndices(
            index766: [], sipas: [], expectations: [], par: ResultRowSamples.par,
            delegation: ResultRowSamples.delegation)
        let html = IndicesPage(year: 2025, indices: indices, generatedAt: nil).html()
        // 95.7050 points show as 95,71; a fall of 1.5 points as -1,5; no index as —.
        #expect(html.contains("<td class=\"n\">95,71</td><td class=\"n\">100</td><td class=\"n\">95,71%</td>"))
        #expect(html.contains("<td class=\"n\">-1,5</td>"))
        #expect(html.contains("số đã công bố 40% không khớp với 1/3 = 33,33%."))
        #expect(html.contains("Không có hồ sơ trong năm.") && html.contains("Không có phiếu khảo sát trong năm."))
        // A unit without an index or rank comes first (unranked), shown by its code with dashes.
        #expect(
            html.contains(
                "<tr><td>Tất cả đơn vị</td><td></td><td>=cmd</td><td></td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">—</td>"
            )
        )
    }

}

extension ResultRow {
    /// The row's cells as its CSV file writes them (empty for no value).
    var texts: [String] {
        OutputTable([self]).rows[0].map { cell in
            switch cell {
            case .text(let text), .number(let text): return text
            case .empty: return ""
            }
        }
    }
}
