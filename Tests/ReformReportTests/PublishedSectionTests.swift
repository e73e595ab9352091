import Testing

@testable import ReformMetrics
@testable import ReformModel
@testable import ReformReport

/// The indices page's section on Decision 766 as the portal published it, and its trend lines.
@Suite struct PublishedSectionTests {
    func total(_ period: String, _ code: String, _ published: Int, rank: Int) -> Published766Row {
        var row = Published766Row()
        (row.period, row.scope, row.unitCode, row.unitName, row.measure) = (
            period, "province", code, "T " + code, "total"
        )
        (row.published, row.maxPoints, row.rank) = (published, 1_000_000, rank)
        return row
    }

    @Test func theYearTheLatestQuarterAndMonthAreTabledAndTheMonthsDrawn() {
        let rows = [
            total("2025", "H05", 917_000, rank: 1), total("2025-Q3", "H05", 900_000, rank: 1),
            total("2025-08", "H05", 862_000, rank: 1), total("2025-09", "H05", 808_000, rank: 2),
            total("2025-09", "H19", 850_000, rank: 1), total("2025-10", "H05", 867_000, rank: 1),
            total("2025-10", "H19", 801_000, rank: 2),
        ]
        let indices = YearlyIndices(
            index766: [], sipas: [], expectations: [], par: [], delegation: [], published766: rows)
        let html = IndicesPage(year: 2025, indices: indices, generatedAt: nil).html()
        // A quarter ("2025-Q3", seven characters like a month) is neither the latest month nor a point.
        #expect(html.contains("— kỳ 2025</h3>") && html.contains("— kỳ 2025-Q3</h3>"))
        #expect(html.contains("— kỳ 2025-10</h3>") && !html.contains("— kỳ 2025-09</h3>"))
        #expect(
            html.contains(">2025-08</text>") && html.contains(">2025-10</text>") && !html.contains(">2025-Q3</text>"))
        // H19 has no August: its line starts in September; each unit's last value is in the legend.
        #expect(html.contains("T H05: 86,7</text>") && html.contains("T H19: 80,1</text>"))
        #expect(html.components(separatedBy: "<polyline").count - 1 == 2)
    }

    @Test func aMissingPeriodBreaksTheLine() {
        let chart = TrendChart(
            title: "t", periods: ["1", "2", "3", "4", "5"],
            series: [
                .init(label: "A", values: [1000, 2000, nil, 4000, 5000]),
                .init(label: "B", values: [nil, 3000, nil, nil, nil]),
            ],
            maximum: 10000)
        let svg = chart.svg()
        // A: two runs of two points; B: one lone point, drawn as a dot without a line.
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(svg.components(separatedBy: "<circle").count - 1 == 5)
        #expect(svg.contains("A: 50</text>") && svg.contains("B: 30</text>"))
        #expect(svg == chart.svg(), "the same data gives the same bytes")
    }
}
