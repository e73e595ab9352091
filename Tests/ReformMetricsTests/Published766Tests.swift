import Foundation
import ReformTestSupport
import Testing

@testable import ReformMetrics
@testable import ReformModel
@testable import ReformStore

/// The portal's published scores beside the project's own (docs/contract.md §7.1).
@Suite struct PublishedBesideOwnTests {
    @Test func aPublishedUnitMeetsTheProjectsUnitByCodeOrByName() throws {
        let folder = TestPaths.temporaryFolder()
        let database = try Schema.open(path: folder + "/db.sqlite")
        // Two communes as the portal names them; the project knows one under its own code, by name.
        try database.execute(
            """
            INSERT INTO published766 VALUES
              ('2025-10', 'commune', 'H26.4', 'UBND phường Ba Đình - thành phố Hà Nội', 180000, 190000, 80000,
               90000, 170000, 200000, 910000, 3, 1),
              ('2025-10', 'commune', '00008', 'UBND phường Ngọc Hà - thành phố Hà Nội', 180000, 180000, 80000,
               90000, 170000, 210000, 910000, 9, 1),
              ('2024-10', 'commune', '00008', 'UBND phường Ngọc Hà - thành phố Hà Nội', 0, 0, 0, 0, 0, 0, 0, NULL, 1)
            """)
        func own(_ code: String, _ name: String, _ criterion: String, _ score: Int?) -> Index766Row {
            Index766Row(
                period: "2025-10", unitCode: code, unitName: name, criterion: criterion, numerator: nil,
                denominator: nil, ratio: nil, maxPoints: 0, score: score, rank: nil)
        }
        let ownRows = [
            own("00004", "Phường Ba Đình", "2.1", 1500), own("00004", "Phường Ba Đình", "4.1", 300),
            own("00004", "Phường Ba Đình", "4.2", 200), own("00004", "Phường Ba Đình", "4.3", nil),
            own("00004", "Phường Ba Đình", "total", 4000), own("00008", "Phường Ngọc Hà", "total", 6000),
        ]
        let rows = try YearlyIndices.published766(database: database, year: 2025, own: ownRows)
        #expect(Set(rows.map(\.period)) == ["2025-10"], "another year's scores stay out")
        func row(_ code: String, _ measure: String) -> Published766Row? {
            rows.first { $0.unitCode == code && $0.measure == measure }
        }
        // By name: Ba Đình's progress is its 2.1, its digitisation 4.1 + 4.2, its total the project's.
        #expect(row("H26.4", "progress")?.ownUnitCode == "00004" && row("H26.4", "progress")?.ownScore == 1500)
        #expect(row("H26.4", "progress")?.difference == 190000 - 150000)
        #expect(row("H26.4", "digitisation")?.ownScore == 500 && row("H26.4", "transparency")?.ownScore == nil)
        #expect(row("H26.4", "total")?.ownScore == 4000 && row("H26.4", "total")?.difference == 910000 - 400000)
        // By code; and two equal totals share rank 1, the portal's order kept as published.
        #expect(row("00008", "total")?.ownUnitCode == "00008" && row("00008", "total")?.ownScore == 6000)
        #expect(row("H26.4", "total")?.rank == 1 && row("00008", "total")?.rank == 1)
        #expect(row("00008", "total")?.portalOrder == 9)
        #expect(YearlyIndices.nameKey("UBND xã Đông Thái - tỉnh An Giang") == YearlyIndices.nameKey("Xã Đông Thái"))
        // A name two of the project's units share matches neither: no own score is guessed.
        let twice = ownRows + [own("00099", "Phường Ba Đình", "total", 7000)]
        let ambiguous = try YearlyIndices.published766(database: database, year: 2025, own: twice)
        let baDinh = ambiguous.first { $0.unitCode == "H26.4" && $0.isTotal }
        #expect(baDinh?.ownUnitCode == nil && baDinh?.ownScore == nil && baDinh?.difference == nil)
    }
}
