import ReformCalendar
import ReformIngest
import ReformMetrics
import ReformModel
import ReformReport
import ReformStore
import ReformSupport

/// The comparison stage (`reform-compare`, or `compare` in a pipeline definition): units and months
/// side by side with intervals, ranks and changes, and the auditors' integrity checks. Writes
/// `comparison.csv`, `audit.csv` and `comparison.html` into one folder, each atomically.
public enum CompareStage {
    /// The files written, in order.
    public static let fileNames = ["comparison.csv", "audit.csv", "comparison.html", "comparison.xlsx"]

    /// Compares `months` in `view` and writes the files into `outputFolder`; returns the summary line.
    /// Warnings are signed `tool` (`reform` under `reform run`).
    public static func run(
        database: Database, months: [Month], view: UnitView, calendar: WorkingCalendar, outputFolder: String,
        tool: String = "reform-compare", homePage: Bool = true
    ) throws -> String {
        let crosswalk = try UnitCrosswalk(database: database)
        if !crosswalk.hasUnitLists {
            Diagnostics.error(
                "\(tool): warning: no unit list is loaded (reform-ingest --kind units); codes are compared as "
                    + "exported, and nothing is carried across the 1 July 2025 reorganisation")
        } else if !crosswalk.hasMergeMap {
            Diagnostics.error(
                "\(tool): warning: no merge map is loaded (reform-ingest --kind merge-map); units before and "
                    + "after the reorganisation are reported apart")
        }
        // The integrity checks read the dossiers on their own connection on the second core.
        let path = database.path, handover = UncheckedBox(calendar)
        let checks = BackgroundTask { _ in
            UncheckedBox(
                try IntegrityAudit(
                    database: Database(path: path, readOnly: true), crosswalk: crosswalk, months: months, view: view,
                    calendar: handover.value))
        }
        defer { _ = try? checks.wait() }
        let comparison = try UnitComparison(database: database, crosswalk: crosswalk, months: months, view: view)
        let audit = try checks.wait().value
        let files = try StagedFolder(path: outputFolder)  // the three files are replaced together
        let tables = [ComparisonTables.comparison(comparison), ComparisonTables.audit(audit)]
        for table in tables { try files.write(table.csv, name: table.name) }
        try OutputTable.workbook(
            tables, path: files.stagedPath("comparison.xlsx"), sourceDateEpoch: ReportStage.sourceDateEpoch())
        let page = ComparisonPage(
            comparison: comparison, audit: audit, crosswalk: crosswalk, generatedAt: ReportStage.generatedAt())
        try files.write(page.html(), name: "comparison.html")
        try files.commit()
        // The comparison's folder is named by --out itself: only a home page already above it is kept true.
        if homePage { try HomePageWriter.refresh(above: outputFolder, tool: tool) }
        let range = "\(months.first?.description ?? "")..\(months.last?.description ?? "")"
        return "compare=\(outputFolder) units=\(view.rawValue) range=\(range) rows=\(comparison.rows.count) "
            + "findings=\(audit.findings.count) estimated_dossiers=\(comparison.quality.estimated) "
            + "other_system_dossiers=\(comparison.quality.fromOtherSystem) "
            + "unknown_code_dossiers=\(comparison.quality.unknownCodes.values.reduce(0, +))"
    }
}

/// The comparison stage's settings in a pipeline definition:
/// `"compare": {"from": "2025-01", "to": "2025-09", "units": ["current", "legacy"]}`.
public struct CompareSettings: Sendable {
    /// The months of the range, oldest first.
    public var months: [Month]
    /// The views to write, each into `OUT/<view>/`.
    public var views: [UnitView]

    /// The months from `from` to `to`; nil when `from` is after `to`.
    public static func months(from: Month, to: Month) -> [Month]? {
        guard from <= to else { return nil }
        var months: [Month] = []
        var month = from
        while month <= to {
            months.append(month)
            month = month.next
        }
        return months
    }

    init(json: [String: Any], fail: (String) -> Error) throws {
        guard let fromText = json["from"] as? String, let from = Month(fromText), let toText = json["to"] as? String,
            let to = Month(toText)
        else { throw fail("needs \"from\" and \"to\" as YYYY-MM strings") }
        guard let months = Self.months(from: from, to: to) else { throw fail("\"from\" must not be after \"to\"") }
        self.months = months
        switch json["units"] {
        case nil: views = [.current]
        case let name as String:
            guard let view = UnitView(rawValue: name) else { throw fail("\"units\" must be current or legacy") }
            views = [view]
        case let names as [String] where !names.isEmpty:
            views = try names.map {
                guard let view = UnitView(rawValue: $0) else { throw fail("\"units\" must be current or legacy") }
                return view
            }
        default: throw fail("\"units\" must be \"current\", \"legacy\" or a list of them")
        }
        for key in json.keys where !["from", "to", "units"].contains(key) {
            throw fail("has an unknown key \"\(key)\" (known: from, to, units)")
        }
    }
}
