import ReformMetrics
import ReformModel
import ReformReport
import ReformStore
import ReformSupport
import ReformTabular

/// The consolidation stage (`reform-consolidate`, docs/contract.md §10): the province's table of a
/// period from the dossiers and the submitted reports, written into `OUT/LABEL/` beside the
/// period's other outputs (which it leaves in place).
public enum ConsolidateStage {
    /// The files written.
    public static let fileNames = [
        "consolidated_by_unit.csv", "reconciliation.csv", "consolidated.xlsx", "consolidated.html",
    ]

    /// Consolidates `period` and writes its files; returns the summary line. Warnings are signed
    /// `tool` (`reform` under `reform run`).
    public static func run(
        database: Database, period: ReportingPeriod, rules: CountingRules, outputFolder: String,
        header: FormHeader = FormHeader(), tool: String = "reform-consolidate", homePage: Bool = true
    ) throws -> String {
        let table = try Consolidation(database: database, period: period, rules: rules)
        if table.submitted.isEmpty {
            Diagnostics.error(
                "\(tool): warning: no report was submitted for \(period) (reform-ingest --kind report); "
                    + "the table holds the dossiers' figures alone")
        }
        let folder = outputFolder + "/" + period.description
        let files = try StagedFolder(path: folder)
        try files.write(ConsolidationTables.consolidatedCSV(table), name: "consolidated_by_unit.csv")
        let reconciliation = ConsolidationTables.reconciliation(table)
        try files.write(reconciliation.csv, name: reconciliation.name)
        // The unit variant of the form for the whole province.
        var sources: [String: String] = [:]
        var units: [FormRow] = []
        units.reserveCapacity(table.rows.count)
        for (index, row) in table.rows.enumerated() {
            // Unmatched units have no code: a placeholder key keeps them apart in the form.
            let key = row.unitCode.isEmpty ? "?\(index)" : row.unitCode
            let form = FormRow(key: key, name: row.unitName, form: row.counts)
            units.append(form)
            sources[key] = ConsolidationPage.sourceNames[row.source]
        }
        var workbook = Bieu06Workbook(
            period: period, units: units, fields: [], header: header, counting: rules,
            levels: try UnitLevels(database: database, period: period), sourceDateEpoch: ReportStage.sourceDateEpoch())
        workbook.sources = sources
        workbook.noteLines = [
            "Ghi chú: đơn vị có dữ liệu hồ sơ lấy số liệu từ hồ sơ, đơn vị chỉ có báo cáo lấy số liệu báo cáo (cột Nguồn số "
                + "liệu); tỷ lệ tính lại từ số đã cộng. (3) = (4) + (5) + (6) = (7) + (11).",
            "Cách đếm số liệu hồ sơ: " + VietnameseFormat.counting(rules) + ".",
        ]
        if table.rows.contains(where: { !$0.counts.notGiven.isEmpty }) {
            workbook.noteLines?.append(
                "Ô để trống: báo cáo của đơn vị không tách hồ sơ tiếp nhận trực tuyến và trực tiếp, bưu chính.")
        }
        try workbook.write(to: files.stagedPath("consolidated.xlsx"))
        try files.write(
            ConsolidationPage(table: table, generatedAt: ReportStage.generatedAt()).html(), name: "consolidated.html")
        try files.commit()
        if homePage { try HomePageWriter.write(outputFolder: outputFolder, tool: tool) }
        // Counted without copying the rows: a province's table can hold hundreds of thousands.
        let count = { (source: Consolidation.Source) in table.rows.count { $0.source == source } }
        return "consolidate=\(folder) units=\(table.rows.count) dossiers=\(count(.dossiers)) "
            + "submitted=\(count(.submitted)) both=\(count(.both)) "
            + "unmatched=\(table.rows.count { $0.unitCode.isEmpty }) "
            + "identity_problems=\(table.submitted.count { !$0.problems.isEmpty }) "
            + "differences=\(table.differences.count) explained=\(table.differences.count { !$0.explainedBy.isEmpty })"
    }
}
