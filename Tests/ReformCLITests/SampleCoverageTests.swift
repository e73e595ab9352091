import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformSample
@testable import ReformSupport
@testable import ReformTabular

/// The mixed-style exports the oracle tests use hold every alias, date format, spelling and
/// rejection reason of docs/contract.md §2 — so agreement with the oracle covers the whole contract.
@Suite struct SampleCoverageTests {
    /// The shape of a date value: which of the accepted formats it is written in.
    static func shape(_ text: String) -> String? {
        let shapes: [(String, String)] = [
            ("dd/MM/yyyy", #"^\d{1,2}/\d{1,2}/\d{4}$"#),
            ("dd/MM/yyyy HH:mm", #"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}$"#),
            ("dd/MM/yyyy HH:mm:ss", #"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2}$"#),
            ("yyyy-MM-dd", #"^\d{4}-\d{2}-\d{2}$"#),
            ("yyyy-MM-dd HH:mm", #"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"#),
            ("yyyy-MM-dd HH:mm:ss", #"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$"#),
            ("yyyy-MM-ddTHH:mm", #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$"#),
            ("yyyy-MM-ddTHH:mm:ssZ", #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"#),
            ("yyyy-MM-ddTHH:mm:ss±HH:MM", #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"#),
            ("excel serial", #"^\d{5}$"#),
            ("excel serial with time", #"^\d{5}\.\d+$"#),
            ("yyyyMMdd", #"^\d{8}$"#),
            ("yyyyMMddHHmmss", #"^\d{14}$"#),
        ]
        return shapes.first { text.range(of: $0.1, options: .regularExpression) != nil }?.0
    }

    @Test(arguments: [777, 4242])
    func mixedExportsCoverTheContract(seed: Int) throws {
        var generator = try SampleGenerator(
            unitsPath: TestPaths.root + "/SampleData/reference/hanoi_districts_2024-11-01.csv",
            proceduresPath: TestPaths.root + "/SampleData/reference/procedures.csv", seed: UInt64(seed))
        // Five files: file N uses each column's N-th spelling, and a column has up to five.
        let months = [Month("2024-11")!, Month("2024-12")!, Month("2025-01")!, Month("2025-02")!, Month("2025-03")!]
        let files = try generator.monthlyExports(months: months, perMonth: 350, style: "mixed")
        var headers = Set<String>(), dateShapes = Set<String>()
        var spellings: [DossierColumn: Set<String>] = [:]
        for (_, bytes) in files {
            var reader = CSVReader(bytes: bytes)
            _ = try reader.nextRecord()
            let header = (0..<reader.fieldCount).map { TextKey.matchKey(reader.field($0)) }
            headers.formUnion(header)
            let columns = header.map { DossierColumn.byMatchKey[$0] }
            // The planted unterminated quote at the end of a file holds no spelling.
            while try reader.nextRecord() {
                if reader.isUnterminated { continue }
                for index in 0..<min(reader.fieldCount, columns.count) {
                    guard let column = columns[index], UTF8Validation.isValid(reader.field(index)) else { continue }
                    switch column {
                    case .channel, .status, .apology, .onlineMode, .extended:
                        spellings[column, default: []].insert(TextKey.matchKey(reader.field(index)))
                    case .receivedAt, .dueAt, .completedAt, .returnedAt:
                        if let shape = Self.shape(TextKey.value(reader.field(index))) { dateShapes.insert(shape) }
                    default: break
                    }
                }
            }
        }
        for column in DossierColumn.allCases {
            for alias in [column.rawValue] + column.aliases {
                #expect(headers.contains(TextKey.matchKey(alias)), "header \(alias) never used (seed \(seed))")
            }
        }
        #expect(dateShapes.count == 13, "date formats used: \(dateShapes.sorted())")
        // Beyond these, only the planted bad values ("fax", "có lẽ") occur.
        #expect(spellings[.channel, default: []].subtracting(DossierValues.channels.keys) == ["fax"])
        #expect(spellings[.apology, default: []].subtracting(DossierValues.yesNo.keys) == ["có lẽ"])
        #expect(spellings[.channel, default: []].isSuperset(of: DossierValues.channels.keys))
        #expect(spellings[.apology, default: []].isSuperset(of: DossierValues.yesNo.keys))
        #expect(spellings[.onlineMode, default: []] == Set(DossierValues.onlineModes.keys))
        #expect(spellings[.extended, default: []].isSuperset(of: DossierValues.yesNo.keys))
        // Status: every spelling of docs/contract.md §2 (and the empty status, both ways).
        #expect(spellings[.status, default: []].isSuperset(of: Set(DossierValues.statuses.keys)))
        #expect(spellings[.status, default: []].contains(""))
    }
}
