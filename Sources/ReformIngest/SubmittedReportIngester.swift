import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

/// Loads reports that units and other systems submit (`--kind report`, docs/contract.md §10): the
/// form II.06a by field of one reporting unit, its unit variant, other systems' unit summaries, and
/// ReformIndex's own `bieu06_by_unit.csv`, `consolidated_by_unit.csv` and `bieu06.xlsx` — CSV or
/// workbooks, the header found as in any workbook.
///
/// Each row's eleven counts are checked against the form's identities and kept with the problems
/// marked; its unit is matched by code, else by name (`UnitNameMatcher`), and an unmatched one is
/// kept under its written name and reported. A row replaces the standing row of the same unit and
/// period from an earlier file, which stays as history.
public struct SubmittedReportIngester {
    private let database: Database
    private let rejectsFolder: String
    /// The sheet of a workbook (a name or a number from 1); the first when nil.
    public var sheet: String?
    /// The period given on the command line (first and last day), over the one the file states.
    public var period: ClosedRange<Int>?
    /// The reporting unit's code for a report by field, over the one the file states.
    public var unitCode: String?

    public init(database: Database, rejectsFolder: String) {
        self.database = database
        self.rejectsFolder = rejectsFolder
    }

    /// The columns a header offers, and whether it is a report at all (a name or code column and
    /// every one of the eleven counts).
    static func plan(_ names: [String]) -> (columns: [ReportColumn?], missing: [String]) {
        let columns = ReportColumn.classify(header: names)
        var missing = FormColumn.allCases.compactMap { column in
            columns.contains(.count(column)) || notGiven(column, columns) ? nil : column.rawValue
        }
        let hasUnit = columns.contains { if case .name = $0 { return true } else { return $0 == .code } }
        if !hasUnit { missing.insert("unit or field name", at: 0) }
        return (columns, missing)
    }

    /// Whether a summary may leave `column` out: new receipts given whole leave the online/direct
    /// split unknown, and (3) follows from (6) and the new receipts.
    static func notGiven(_ column: FormColumn, _ columns: [ReportColumn?]) -> Bool {
        guard columns.contains(.receivedNew) else { return false }
        switch column {
        case .receivedOnline, .receivedDirectPostal:
            return !columns.contains(.count(.receivedOnline)) && !columns.contains(.count(.receivedDirectPostal))
        case .receivedTotal: return columns.contains(.count(.carriedIn)) && !columns.contains(.count(.receivedTotal))
        default: return false
        }
    }

    static var requirement: HeaderRequirement {
        HeaderRequirement(
            accepts: { plan($0).missing.isEmpty },
            knows: { ReportColumn.classify($0) != nil },
            refusal: { names in
                let (columns, missing) = plan(names)
                let found = zip(names, columns).compactMap { $0.1 == nil ? nil : $0.0 }
                return missing.isEmpty
                    ? "it is acceptable" : "\(IngestRefusal.reportColumnsMissing(missing, found: found))"
            })
    }

    /// Ingests one file; throws `IngestRefusal` (or `WorkbookError`) when it is refused whole.
    public func ingest(path: String) throws -> IngestSummary {
        // Each sheet of a workbook is a report of its own (the form by field and by unit), and so is
        // a file read for another given period: a report read with mistyped dates is read again
        // with the right ones (its rows for the wrong period stay apart, under that period).
        var kind = sheet.map { "report/sheet:\($0)" } ?? "report"
        if let period { kind += "/period:" + Self.days(period).replacing(" … ", with: "..") }
        var summary = try InputFile.start(path: path, kind: kind, database: database)
        if summary.alreadyIngested { return summary }
        let format = try InputFormat.of(path: path)
        var reader: CSVReader
        var names: [String]
        var table: SheetTable?
        if format == .text {
            reader = try CSVReader(path: path, delimiter: .detect)
            names = try InputFile.header(&reader)
        } else {
            (reader, table) = try TableInput.open(
                path: path, format: format, encoding: .utf8, sheet: sheet, requirement: Self.requirement)
            names = table!.header
        }
        defer { reader.close() }
        let (columns, missing) = Self.plan(names)
        guard missing.isEmpty else {
            throw IngestRefusal.reportColumnsMissing(
                missing, found: zip(names, columns).compactMap { $0.1 == nil ? nil : $0.0 })
        }
        let titleLines = table?.titleLines ?? []
        let stated = StatedFacts(titleLines: titleLines)
        let hasPeriodColumn = columns.contains(.period)
        let isConsolidated = columns.contains(.source)
        if isConsolidated {
            summary.notes.append("a consolidated table: its province total row (with the province's code) is read")
        }
        let isByField =
            columns.contains(.name(isField: true)) && !columns.contains(.name(isField: false))
            && !columns.contains(.code)
        var filePeriod = period ?? stated.period
        if let given = period, let said = stated.period, given != said {
            summary.notes.append(
                "the file states the period \(Self.days(said)); the given \(Self.days(given)) is used")
        }
        if !hasPeriodColumn && filePeriod == nil {
            throw IngestRefusal.reportPeriodUnknown(refused: stated.refusedPeriod)
        }
        // The form's "Đơn vị báo cáo:", else the body that issues it (OpenCPS's statistics name it
        // only in their heading).
        let reportingUnit = unitCode ?? Self.reportingUnit(in: titleLines) ?? (isByField ? stated.unit : nil)
        if isByField && reportingUnit == nil { throw IngestRefusal.reportUnitUnknown }
        let matcher = UnitNameMatcher(
            names: try SubmittedReportTable.unitNames(in: database),
            aliases: try SubmittedReportTable.aliases(in: database))
        // A row for the province itself, or for the body that reports, is its total, not a unit:
        // counted as a unit it would add the total into itself.
        let roots = try UnitListTables.units(in: database).filter { $0.level == "province" && $0.parentCode.isEmpty }
        let provinceCodes = Set(roots.map(\.code))
        let provinceCode = provinceCodes.count == 1 ? provinceCodes.first : nil
        let reportingKey = reportingUnit.map(UnitNameMatcher.normalized)
        let rejects = try InputFile.rejectsFile(path: path, summary: summary, folder: rejectsFolder, database: database)
        var tally = RejectTally()
        var rows: [SubmittedReportTable.Row] = []
        var fieldTotal: (counts: FormCounts, line: Int)?
        // Checks of the columns the form does not store, on the rows of a report by field.
        var fieldChecks: [String] = []
        var firstLine: [DuplicateKey: Int] = [:]
        var skipped = 0
        func position(_ column: ReportColumn) -> Int? { columns.firstIndex(of: column) }
        let namePosition = columns.firstIndex { if case .name = $0 { return true } else { return false } }
        // Decided by the header, once: the counts this report does not give.
        let notGivenColumns = FormColumn.allCases.filter { Self.notGiven($0, columns) }
        let countPositions = columns.indices.filter {
            if case .count = columns[$0] { return true } else { return false }
        }
        while try reader.nextRecord() {
            summary.read += 1
            func text(_ index: Int?) -> String { index.map { TextKey.value(reader.field($0)) } ?? "" }
            func reject(_ reason: RejectReason, _ column: String, key: String = "") throws {
                summary.rejected += 1
                tally.add(reason, line: reader.line)
                _ = try rejects.add(line: reader.line, reason: reason, column: column, key: PersonalData.safeKey(key))
            }
            if let (reason, _) = InputFile.recordProblem(
                reader, fieldCount: names.count, columns: [], value: { _ in "" })
            {
                try reject(reason, "")
                continue
            }
            let number = text(position(.number)), name = text(namePosition), code = text(position(.code))
            // Band rows (I, II, …), "Trong đó" breakdowns, blank labels and ReformIndex's own total
            // rows are not units.
            // A consolidated table (ReformIndex's own, from a province) is read as its province's
            // total row, which carries the province's code: a national consolidation sums provinces.
            let isTotal = TextKey.matchKey(text(position(.source))) == "total"
            if isConsolidated ? !(isTotal && !code.isEmpty) : isTotal {
                skipped += 1
                continue
            }
            if Self.isBand(number: number, name: name) || (name.isEmpty && code.isEmpty) {
                skipped += 1
                continue
            }
            // A phone number or an ID typed as a code is refused like one in a dossier's codes.
            if PersonalData.contains(code.utf8) {
                try reject(.personalData, names[position(.code)!])
                continue
            }
            // Rows under the table (notes, the signature block) hold no number in any count column.
            if !countPositions.contains(where: { reader.field($0).contains { $0 >= 0x30 && $0 <= 0x39 } }) {
                skipped += 1
                continue
            }
            var counts = FormCounts()
            var bad: String?
            var newReceipts: Int?, lateOverall: Int?
            for (index, column) in columns.enumerated() {
                switch column {
                case .count, .receivedNew, .lateOverall: break
                default: continue
                }
                let cell = text(index)
                guard let value = ReportColumn.count(cell) else {
                    bad = names[index]
                    break
                }
                switch column {
                case .count(let field) where isConsolidated && cell.isEmpty:
                    // ReformIndex's consolidated table leaves a count no report gave empty.
                    counts.markNotGiven(field)
                case .count(let field): counts[field] += value
                case .receivedNew: newReceipts = (newReceipts ?? 0) + value
                default: lateOverall = (lateOverall ?? 0) + value
                }
            }
            if let bad {
                try reject(.badValue, bad, key: code)
                continue
            }
            var checks: [String] = []
            for column in notGivenColumns {
                if column == .receivedTotal {
                    counts[.receivedTotal] = counts[.carriedIn] + (newReceipts ?? 0)
                } else {
                    counts.markNotGiven(column)
                }
            }
            if let newReceipts, counts[.receivedTotal] != counts[.carriedIn] + newReceipts {
                checks.append("(3) \(counts[.receivedTotal]) ≠ (6)+new \(counts[.carriedIn] + newReceipts)")
            }
            if let lateOverall, lateOverall != counts[.late] + counts[.pendingOverdue] {
                checks.append("late overall \(lateOverall) ≠ (10)+(13) \(counts[.late] + counts[.pendingOverdue])")
            }
            var days = filePeriod
            if hasPeriodColumn {
                guard let rowPeriod = ReportingPeriod(label: text(position(.period))) else {
                    try reject(.badValue, names[position(.period)!], key: code)
                    continue
                }
                days = rowPeriod.firstDay...rowPeriod.lastDay
                filePeriod = filePeriod ?? days
            }
            guard let days else { throw IngestRefusal.reportPeriodUnknown(refused: stated.refusedPeriod) }
            // A unit's row is matched once: its unit, and whether it is the table's own total (the
            // rows of a report by field are fields, not units).
            let outcome = isByField ? .unmatched : matcher.match(code: code, name: name, lastDay: days.upperBound)
            if !isConsolidated && !isByField {
                let isProvince = provinceCode != nil && outcome.code == provinceCode
                let isReportingBody =
                    reportingKey != nil && !name.isEmpty && UnitNameMatcher.normalized(name) == reportingKey
                if isProvince || isReportingBody {
                    skipped += 1
                    summary.notes.append(
                        "line \(reader.line): \"\(PersonalData.masked(name.isEmpty ? code : name))\" is "
                            + (isProvince ? "the province itself" : "the reporting body")
                            + ": read as the table's total, not as a unit")
                    continue
                }
            }
            summary.accepted += 1
            if isByField {
                // The rows are the reporting unit's fields: its figures are their sum.
                var total = fieldTotal ?? (FormCounts(), reader.line)
                total.counts.add(counts)
                fieldTotal = total
                // Noted with the total's problems, each by its line.
                if !checks.isEmpty { fieldChecks.append("line \(reader.line): " + checks.joined(separator: ", ")) }
                continue
            }
            var row = Self.row(
                counts: counts, code: code, name: name, days: days, line: reader.line, outcome: outcome,
                checks: checks, notes: &summary.notes)
            // One unit twice in one report: the first row counts, the others are kept and marked.
            let key = DuplicateKey(unitKey: row.unitKey, firstDay: row.firstDay, lastDay: row.lastDay)
            if let first = firstLine[key] {
                row.matchedBy = SubmittedReportTable.duplicate
                row.problems =
                    ([SubmittedReportTable.duplicateProblem(countedLine: first)]
                    + (row.problems.isEmpty ? [] : [row.problems]))
                    .joined(separator: "; ")
                summary.notes.append(
                    "line \(reader.line): the unit \"\(row.unitName.isEmpty ? row.unitCode : row.unitName)\" is also "
                        + "on line \(first); only line \(first) is counted")
            } else {
                firstLine[key] = reader.line
            }
            rows.append(row)
        }
        if isByField, let fieldTotal, let days = filePeriod, let unit = reportingUnit {
            let isCode = unitCode != nil
            rows.append(
                Self.row(
                    counts: fieldTotal.counts, code: isCode ? unit : "", name: isCode ? "" : unit, days: days,
                    line: fieldTotal.line,
                    outcome: matcher.match(
                        code: isCode ? unit : "", name: isCode ? "" : unit, lastDay: days.upperBound),
                    checks: fieldChecks, notes: &summary.notes))
        }
        if notGivenColumns.contains(.receivedOnline) {
            summary.notes.append(
                "the report gives new receipts without the online/direct split: (4) and (5) are left empty "
                    + "and (3) = (6) + the new receipts is checked instead")
        }
        if let refusal = tally.refusal(read: summary.read, accepted: summary.accepted, encoding: .utf8) {
            throw refusal
        }
        try database.transaction {
            let batch = try BatchRecord.open(
                kind: kind, summary: summary, sha256: summary.sha256, bytes: InputFile.size(of: path),
                encoding: .utf8, fingerprint: nil, sourcePath: FilePath.absolute(path), rejectsFile: rejects.name,
                in: database)
            summary.replaced = try SubmittedReportTable.insert(rows, batch: batch, in: database)
            if let table { summary.record(table) }
            summary.skipped = (summary.skipped ?? 0) + skipped
            try BatchRecord.finish(batch, summary, in: database)
            try rejects.commit()
        }
        return summary
    }

    /// One submitted row: its unit as matched (`outcome`), its identities checked (problems noted).
    static func row(
        counts: FormCounts, code: String, name: String, days: ClosedRange<Int>, line: Int,
        outcome: UnitNameMatcher.Outcome, checks: [String] = [], notes: inout [String]
    ) -> SubmittedReportTable.Row {
        let shownName = PersonalData.masked(name)
        let written = shownName.isEmpty ? code : shownName
        var unitCode = "", matchedBy: String
        switch outcome {
        case .matched(let found, let by):
            (unitCode, matchedBy) = (found, by)
        case .unmatched:
            matchedBy = "unmatched"
            notes.append("line \(line): the unit \"\(written)\" matches no unit; it is kept under that name")
        case .ambiguous(let codes):
            matchedBy = "ambiguous"
            notes.append(
                "line \(line): the unit \"\(written)\" matches several units (\(codes.joined(separator: ", "))); "
                    + "it is kept under that name")
        }
        let problems = counts.identityProblems + checks
        if !problems.isEmpty {
            notes.append("line \(line) (\(written)): " + problems.joined(separator: "; "))
        }
        return SubmittedReportTable.Row(
            sheetRow: line, firstDay: days.lowerBound, lastDay: days.upperBound,
            unitKey: unitCode.isEmpty ? "?" + UnitNameMatcher.normalized(written) : unitCode, unitCode: unitCode,
            unitName: shownName, matchedBy: matchedBy, counts: counts, problems: problems.joined(separator: "; "))
    }

    /// A unit in a period: what one report may state once.
    struct DuplicateKey: Hashable {
        var unitKey: String
        var firstDay: Int
        var lastDay: Int
    }

    /// True for a row that groups others: a Roman numeral in the TT column, or a "Trong đó" line.
    static func isBand(number: String, name: String) -> Bool {
        let roman = Set("IVXLivxl")
        if !number.isEmpty && number.allSatisfy({ roman.contains($0) || $0 == "." }) { return true }
        let label = TextKey.matchKey(name)
        return label.hasPrefix("trong đó") || label.hasPrefix("- trong đó")
    }

    /// The reporting unit a form names: the text after "Đơn vị báo cáo:" up to the next label.
    static func reportingUnit(in lines: [String]) -> String? {
        for line in lines {
            let lower = line.lowercased()
            guard let range = lower.firstRange(of: "đơn vị báo cáo:") else { continue }
            let offset = lower.distance(from: lower.startIndex, to: range.upperBound)
            var rest = String(line.dropFirst(offset))
            for stop in ["Đơn vị nhận báo cáo", "đơn vị nhận báo cáo", "Đơn vị tính", "Kỳ báo cáo"] {
                if let cut = rest.firstRange(of: stop) { rest = String(rest[..<cut.lowerBound]) }
            }
            let unit = UnicodeText.trimmed(rest)
            if !unit.isEmpty && !unit.allSatisfy({ $0 == "…" || $0 == "." }) { return unit }
        }
        return nil
    }

    static func days(_ range: ClosedRange<Int>) -> String {
        CivilDate.isoString(range.lowerBound) + " … " + CivilDate.isoString(range.upperBound)
    }
}
