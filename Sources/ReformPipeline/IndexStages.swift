import FoundationEssentials
import ReformCalendar
import ReformIngest
import ReformMetrics
import ReformModel
import ReformReport
import ReformStore
import ReformSupport
import ReformTabular

#if canImport(Glibc)
    import Glibc
#endif

/// The yearly index stages: compute stores the output rows of a year in `index_result`; report
/// writes them as CSV files, `indices.xlsx` (a sheet per CSV) and `indices.html` into `OUT/YYYY/`.
public enum IndexStages {
    /// The files report writes, in order.
    public static let fileNames = [
        "index766_by_unit.csv", "sipas_by_unit.csv", "sipas_expectations.csv", "par_index.csv",
        "delegation_coverage.csv",
    ]

    /// Computes and stores `year`; returns the summary line.
    public static func compute(database: Database, year: Int, settings: IndexSettings) throws -> String {
        let indices = try YearlyIndices(database: database, year: year, settings: settings)
        let outputs = [indices.index766, indices.sipas, indices.expectations, indices.par, indices.delegation]
        let stored = try zip(fileNames, outputs).map { name, rows in
            (
                name: name,
                rows: try rows.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            )
        }
        try database.transaction { try IndexResultTable.replace(period: String(year), outputs: stored, in: database) }
        let units = Set(indices.index766.map { $0[1] }).count
        return "year=\(year) index766_units=\(units) sipas_units=\(indices.sipas.count / 6) "
            + "par_units=\(indices.par.filter { $0[3] == "total" }.count) delegation_measures=\(indices.delegation.count)"
    }

    /// The stored rows of one output of `year`; nil when the year was never computed.
    static func rows(database: Database, year: Int, output: String) throws -> [[String]] {
        try IndexResultTable.rows(period: String(year), output: output, in: database).map {
            (try? JSONDecoder().decode([String].self, from: Data($0.utf8))) ?? []
        }
    }

    /// Writes the CSV files and `indices.html` of `year`; returns the folder.
    @discardableResult
    public static func report(database: Database, year: Int, outputFolder: String) throws -> String {
        guard
            try IndexResultTable.exists(period: String(year), in: database)
        else {
            throw CommandFailure(
                .noInput,
                "year \(year) has no computed indices; run reform-compute --db \(database.path) --year \(year) first")
        }
        let folder = outputFolder + "/" + String(year)
        let files = try StagedFolder(path: folder)  // the year's files are replaced together
        var tables: [String: [[String]]] = [:]
        var outputs: [OutputTable] = []
        for name in fileNames {
            let rows = try rows(database: database, year: year, output: name)
            tables[name] = rows
            let output = OutputTable(
                name: name, header: YearlyIndices.headers[name]!,
                rows: rows.map { row in row.enumerated().map { Self.cell(name, $0.offset, $0.element) } })
            try files.write(output.csv, name: name)
            outputs.append(output)
        }
        try OutputTable.workbook(
            outputs, path: files.stagedPath("indices.xlsx"), sourceDateEpoch: ReportStage.sourceDateEpoch())
        try files.write(
            IndicesPage(year: year, tables: tables, generatedAt: ReportStage.generatedAt()).html(), name: "indices.html"
        )
        try files.commit()
        return folder
    }

    /// Numbers are written plain; text (codes, names, criteria, classes) is guarded like any text.
    static func cell(_ output: String, _ column: Int, _ value: String) -> CSVCell {
        if value.isEmpty { return .empty }
        let header = YearlyIndices.headers[output]![column]
        let text: Set<String> = [
            "period", "year", "unit_code", "unit_name", "criterion", "element", "question_code", "field", "class",
            "measure",
            "published_rate", "agrees", "as_of",
        ]
        return text.contains(header) ? .text(value) : .number(value)
    }
}
