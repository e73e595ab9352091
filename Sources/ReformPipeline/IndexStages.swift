import FoundationEssentials
import ReformIngest
import ReformMetrics
import ReformModel
import ReformReport
import ReformStore
import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The yearly index stages: compute stores the output rows of a year in `index_result`; report
/// writes them as CSV files, `indices.xlsx` (a sheet per CSV) and `indices.html` into `OUT/YYYY/`.
public enum IndexStages {
    /// The files report writes, in order.
    public static let fileNames = [
        Index766Row.output, SIPASRow.output, SIPASExpectationRow.output, PARRow.output, DelegationRow.output,
        Published766Row.output,
    ]

    /// Computes and stores `year`; returns the summary line.
    public static func compute(database: Database, year: Int, settings: IndexSettings) throws -> String {
        let indices = try YearlyIndices(database: database, year: year, settings: settings)
        try database.transaction {
            try IndexResultTables.beginYear(year, in: database)
            try IndexResultTables.replace(indices.index766, year: year, in: database)
            try IndexResultTables.replace(indices.sipas, year: year, in: database)
            try IndexResultTables.replace(indices.expectations, year: year, in: database)
            try IndexResultTables.replace(indices.par, year: year, in: database)
            try IndexResultTables.replace(indices.delegation, year: year, in: database)
            try IndexResultTables.replace(indices.published766, year: year, in: database)
        }
        let units = Set(indices.index766.map(\.unitCode)).count
        return "year=\(year) index766_units=\(units) sipas_units=\(indices.sipas.filter(\.isOverall).count) "
            + "par_units=\(indices.par.filter(\.isTotal).count) delegation_measures=\(indices.delegation.count) "
            + "published766_units=\(indices.published766.filter(\.isTotal).count)"
    }

    /// The stored results of `year`; nil when the year was never computed.
    static func stored(database: Database, year: Int) throws -> YearlyIndices? {
        guard try IndexResultTables.isComputed(year: year, in: database) else { return nil }
        return YearlyIndices(
            index766: try IndexResultTables.rows(Index766Row.self, year: year, in: database),
            sipas: try IndexResultTables.rows(SIPASRow.self, year: year, in: database),
            expectations: try IndexResultTables.rows(SIPASExpectationRow.self, year: year, in: database),
            par: try IndexResultTables.rows(PARRow.self, year: year, in: database),
            delegation: try IndexResultTables.rows(DelegationRow.self, year: year, in: database),
            published766: try IndexResultTables.rows(Published766Row.self, year: year, in: database))
    }

    /// Writes the CSV files, `indices.xlsx` and `indices.html` of `year`; returns the folder.
    /// Warnings are signed `tool` (`reform` under `reform run`).
    @discardableResult
    public static func report(
        database: Database, year: Int, outputFolder: String, tool: String = "reform-report", homePage: Bool = true
    ) throws -> String {
        guard let indices = try stored(database: database, year: year) else {
            throw PipelineError(
                .inputMissing,
                "year \(year) has no computed indices; run reform-compute --db \(database.path) --year \(year) first")
        }
        let isStale = try IndexResultTables.isStale(year: year, in: database)
        if isStale {
            Diagnostics.error(
                "\(tool): warning: files were ingested after the indices of \(year) were computed; "
                    + "re-run reform-compute --year \(year)")
        }
        let folder = outputFolder + "/" + String(year)
        let files = try StagedFolder(path: folder)  // the year's files are replaced together
        let outputs = [
            OutputTable(indices.index766), OutputTable(indices.sipas), OutputTable(indices.expectations),
            OutputTable(indices.par), OutputTable(indices.delegation), OutputTable(indices.published766),
        ]
        for output in outputs { try files.write(output.csv, name: output.name) }
        try OutputTable.workbook(
            outputs, path: files.stagedPath("indices.xlsx"), sourceDateEpoch: ReportStage.sourceDateEpoch())
        try files.write(
            IndicesPage(year: year, indices: indices, generatedAt: ReportStage.generatedAt(), isStale: isStale).html(),
            name: "indices.html")
        try files.commit()
        if homePage { try HomePageWriter.write(outputFolder: outputFolder, tool: tool) }
        return folder
    }
}
