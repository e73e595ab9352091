import ReformMetrics
import ReformModel
import ReformSupport
import ReformTabular

/// Who sends the official form and to whom, printed in its header block (the definition's
/// `reporting_body` and `recipient`; dotted lines for staff to fill in when not set).
public struct FormHeader: Sendable, Equatable {
    public var reportingBody: String
    public var recipient: String

    public init(reportingBody: String = "", recipient: String = "") {
        self.reportingBody = reportingBody
        self.recipient = recipient
    }
}

/// One row of the official form: a unit's or field's columns (3)…(13) and, when it comes from
/// dossiers, the Biểu 06 counts the thirteen cannot show (columns (14)…(17), (19)…(21)).
public struct FormRow: Sendable {
    /// The unit code or field (a placeholder starting with "?" for a unit no list matched).
    public var key: String
    public var name: String
    public var form: FormCounts
    /// The full Biểu 06 counts; nil for a row from a submitted report.
    public var detail: Bieu06Counts?

    /// A row from a submitted or consolidated report (no finer detail than the form).
    public init(key: String, name: String, form: FormCounts) {
        (self.key, self.name, self.form, self.detail) = (key, name, form, nil)
    }

    /// A row from the dossiers.
    public init(_ row: Bieu06Row) {
        (key, name, form, detail) = (row.key, row.name, row.form, row.counts)
    }

    /// `rows` summed column by column (the detail only when every row has it).
    static func sum(_ rows: some Sequence<FormRow>) -> FormRow {
        var total = FormRow(key: "", name: "", form: FormCounts())
        total.detail = Bieu06Counts()
        for row in rows {
            total.form.add(row.form)
            if let detail = row.detail { total.detail?.add(detail) } else { total.detail = nil }
        }
        return total
    }
}

/// `bieu06.xlsx`: the official form Biểu số II.06a/VPCP/KSTT of the period (docs/contract.md §9),
/// one sheet by field and one by unit (the unit variant, banded by level when unit lists are
/// loaded), each with the form's header block, its three-row merged header of columns 1–13, the
/// row numbering them, the data, a total row, the columns the 13 cannot show, a note naming the
/// counting rules and a signature block. Numbers are number cells; the same figures give the same
/// bytes.
public struct Bieu06Workbook {
    public var period: ReportingPeriod
    /// The code cell of a unit's row: its code, or nothing for a unit no list matched (whose key is
    /// a placeholder starting with "?", which is no code).
    static func code(_ key: String) -> String { key.hasPrefix("?") ? "" : key }

    /// The rows (those with (3) = 0 are left out, as in the CSVs).
    public var units: [FormRow]
    public var fields: [FormRow]
    public var header: FormHeader
    public var counting: CountingRules
    public var levels: UnitLevels
    /// `SOURCE_DATE_EPOCH`: the workbook's creation time, written only when given.
    public var sourceDateEpoch: Int64?
    /// For a consolidated province (docs/contract.md §10): the source of each unit's figures by unit
    /// code ("hồ sơ", "báo cáo", …). The workbook then has the unit sheet alone, and its columns to
    /// the right are the source and the rate (a submitted report has no finer detail).
    public var sources: [String: String]?
    /// The note lines under the table (default: what the columns hold and the counting rules).
    public var noteLines: [String]?

    /// The form of the dossiers' Biểu 06 rows.
    public init(
        period: ReportingPeriod, units: [Bieu06Row], fields: [Bieu06Row], header: FormHeader,
        counting: CountingRules, levels: UnitLevels, sourceDateEpoch: Int64? = nil
    ) {
        self.init(
            period: period, units: units.map(FormRow.init), fields: fields.map(FormRow.init), header: header,
            counting: counting, levels: levels, sourceDateEpoch: sourceDateEpoch)
    }

    /// The form of `units` and `fields`.
    public init(
        period: ReportingPeriod, units: [FormRow], fields: [FormRow], header: FormHeader,
        counting: CountingRules, levels: UnitLevels, sourceDateEpoch: Int64? = nil
    ) {
        self.period = period
        self.units = units
        self.fields = fields
        self.header = header
        self.counting = counting
        self.levels = levels
        self.sourceDateEpoch = sourceDateEpoch
    }

    /// The sheet names, in order.
    public static let sheetNames = ["II.06a theo lĩnh vực", "II.06a theo đơn vị"]

    /// A column to the right of (13): its header, width and cell for a row.
    struct Extra {
        var header: String
        var width: Double
        var cell: (_ row: FormRow, _ code: String?, _ bold: Bool) -> XLSXWriter.Cell
    }

    /// The columns to the right of (13), each numbered on from (14).
    var extras: [Extra] {
        let rate = Extra(header: "Tỷ lệ đúng hạn (%)", width: 11) { row, _, bold in
            row.form.onTimeRateHundredths.map {
                XLSXWriter.Cell(.number(Percentage.plain($0)), bold ? .borderedBoldDecimal : .borderedDecimal)
            } ?? XLSXWriter.Cell(.empty, bold ? .borderedBold : .bordered)
        }
        if let sources {
            let source = Extra(header: "Nguồn số liệu", width: 16) { _, code, bold in
                XLSXWriter.Cell(.text(code.flatMap { sources[$0] } ?? ""), bold ? .borderedBold : .bordered)
            }
            return [source, rate]
        }
        func count(_ column: Bieu06Column) -> Extra {
            Extra(header: column.header, width: 13) { row, _, bold in
                XLSXWriter.Cell(.number(String(row.detail?[column] ?? 0)), bold ? .borderedBoldNumber : .borderedNumber)
            }
        }
        // The rate keeps its number (18); the counts added in 2026 follow it.
        let extras = Bieu06Column.extras
        return extras.filter { !$0.followsRate }.map(count) + [rate] + extras.filter(\.followsRate).map(count)
    }

    /// Columns: TT, name, (3)…(13), the extras, and (unit sheet) the unit code.
    private var columnCount: Int { 2 + FormColumn.allCases.count + extras.count + 1 }

    /// Rows 1…4 are the header block, 5…7 the column headers, 8 the numbering.
    private static let headerRows = 5...8

    /// Writes the workbook to `path` (staged: it appears whole).
    public func write(to path: String) throws {
        let writer = try XLSXWriter(path: path)
        if let sourceDateEpoch { writer.created = CivilDate.isoInstant(sourceDateEpoch) }
        if sources == nil { try sheet(writer, byUnit: false) }
        try sheet(writer, byUnit: true)
        try writer.commit()
    }

    private func sheet(_ writer: XLSXWriter, byUnit: Bool) throws {
        let extras = extras, columnCount = columnCount
        let widths: [Double] = [6, 42] + FormColumn.allCases.map { _ in 11 } + extras.map(\.width) + [12]
        try writer.beginSheet(
            sources == nil ? Self.sheetNames[byUnit ? 1 : 0] : "Tổng hợp theo đơn vị", columnWidths: widths,
            setup: XLSXWriter.SheetSetup(landscape: true, headerRows: Self.headerRows))
        var rowIndex = 0  // rows written so far (the next row's 0-based index)
        func row(_ cells: [XLSXWriter.Cell], height: Double? = nil) throws {
            try writer.row(cells, height: height)
            rowIndex += 1
        }
        func merge(_ firstColumn: Int, _ lastColumn: Int, rows: Int = 1) {
            writer.merge(
                CellRange(
                    firstRow: rowIndex - 1, firstColumn: firstColumn, lastRow: rowIndex - 2 + rows,
                    lastColumn: lastColumn))
        }
        let last = columnCount - 1
        func text(_ value: String, _ style: XLSXWriter.Style) -> XLSXWriter.Cell { .init(.text(value), style) }
        func blank(_ style: XLSXWriter.Style = .plain) -> XLSXWriter.Cell { .init(.empty, style) }
        func line(_ cells: [(Int, XLSXWriter.Cell)]) -> [XLSXWriter.Cell] {
            var out = Array(repeating: blank(), count: columnCount)
            for (column, cell) in cells { out[column] = cell }
            return out
        }

        // The header block: form number left, title centre, sender and recipient right.
        let dotted = "………………………"
        try row(
            line([
                (0, text("Biểu số II.06a/VPCP/KSTT", .bold)),
                (3, text("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", .title)),
                (14, text("Đơn vị báo cáo: " + (header.reportingBody.isEmpty ? dotted : header.reportingBody), .bold)),
            ]), height: 20)
        merge(0, 2)
        merge(3, 13)
        merge(14, last)
        try row(
            line([
                (0, text("Ban hành theo Thông tư số 01/2020/TT-VPCP", .italic)),
                (
                    3,
                    text(
                        byUnit
                            ? "TẠI CÁC CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (THEO ĐƠN VỊ)"
                            : "TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (THEO LĨNH VỰC)",
                        .boldCentered)
                ),
                (14, text("Đơn vị nhận báo cáo: " + (header.recipient.isEmpty ? dotted : header.recipient), .bold)),
            ]))
        merge(0, 2)
        merge(3, 13)
        merge(14, last)
        try row(
            line([
                (3, text("Kỳ báo cáo: \(Self.periodLine(period))", .centered)),
                (14, text("Đơn vị tính: Số hồ sơ TTHC", .italic)),
            ]))
        merge(3, 13)
        merge(14, last)
        try row([])

        // The three header rows and the numbering row: TT, the name, the form's groups over their
        // columns, and the extras, then each column's header path (`FormColumn.headerPath`) below.
        let h = XLSXWriter.Style.header
        let firstCount = 2, firstExtra = firstCount + FormColumn.allCases.count
        var top = line([(0, text("TT", h)), (1, text(byUnit ? "Đơn vị" : "Lĩnh vực giải quyết", h))])
        var groups: [(group: FormColumn.Group, first: Int, last: Int)] = []
        for column in FormColumn.allCases {
            let at = firstCount + column.index
            if let open = groups.last, open.group == column.group {
                groups[groups.count - 1].last = at
            } else {
                groups.append((column.group, at, at))
            }
        }
        for group in groups { top[group.first] = text(group.group.title, h) }
        for (offset, extra) in extras.enumerated() { top[firstExtra + offset] = text(extra.header, h) }
        top[last] = text(byUnit ? "Mã đơn vị" : "", h)
        for column in 0..<columnCount where top[column].value == .empty { top[column] = blank(h) }
        try row(top, height: 30)
        merge(0, 0, rows: 3)
        merge(1, 1, rows: 3)
        for group in groups { merge(group.first, group.last) }
        for column in firstExtra...last { merge(column, column, rows: 3) }
        // Below the groups, level by level: a header that ends at this level spans the rows left;
        // consecutive equal headers that go on span their columns.
        let depth = FormColumn.allCases.map(\.headerPath.count).max() ?? 1
        for level in 0..<depth {
            var cells = Array(repeating: blank(h), count: columnCount)
            var across: [(first: Int, last: Int)] = []
            var down: [Int] = []
            for column in FormColumn.allCases where level < column.headerPath.count {
                let at = firstCount + column.index, path = column.headerPath
                if level == path.count - 1 {
                    cells[at] = text(path[level], h)
                    if level < depth - 1 { down.append(at) }
                } else if let open = across.last, open.last == at - 1,
                    FormColumn.allCases[at - 1 - firstCount].headerPath.prefix(level + 1) == path.prefix(level + 1)
                {
                    across[across.count - 1].last = at
                } else {
                    cells[at] = text(path[level], h)
                    across.append((at, at))
                }
            }
            try row(cells, height: level == depth - 1 ? 45 : 20)
            for at in down { merge(at, at, rows: depth - level) }
            for span in across { merge(span.first, span.last) }
        }
        var numbering = (1...(columnCount - 1)).map { text("(\($0))", .borderedItalicCentered) }
        numbering.append(byUnit ? text("", .borderedItalicCentered) : blank(.borderedItalicCentered))
        try row(numbering)

        // The data rows, under bands on the unit sheet when the unit lists give levels.
        // Filtered as they are read, never copied: a province of two hundred thousand report rows
        // holds them once.
        let shown = (byUnit ? units : fields).lazy.filter { $0.form[.receivedTotal] > 0 }
        let total = FormRow.sum(shown)
        func dataRow(_ number: String, _ name: String, _ counts: FormRow, code: String?, bold: Bool) throws {
            let textStyle: XLSXWriter.Style = bold ? .borderedBold : .bordered
            let numberStyle: XLSXWriter.Style = bold ? .borderedBoldNumber : .borderedNumber
            var cells = [text(number, bold ? .borderedBold : .borderedItalicCentered), text(name, textStyle)]
            cells += FormColumn.allCases.map { column in
                // A count a submitted report does not give stays an empty cell, never a 0.
                counts.form.given(column).map { XLSXWriter.Cell(.number(String($0)), numberStyle) }
                    ?? blank(numberStyle)
            }
            cells += extras.map { $0.cell(counts, code, bold) }
            cells.append(code.map { text($0, textStyle) } ?? blank(textStyle))
            try row(cells)
        }
        if byUnit && levels.isLoaded {
            let numerals = ["I", "II", "III"]
            var band = 0
            for level in UnitLevels.Level.allCases {
                let members = shown.filter { levels.level(of: $0.key) == level }
                guard members.first(where: { _ in true }) != nil else { continue }
                let subtotal = FormRow.sum(members)
                band += 1
                try dataRow(numerals[band - 1], Self.bandTitle(level), subtotal, code: nil, bold: true)
                for (index, item) in members.enumerated() {
                    try dataRow(
                        String(index + 1), item.name.isEmpty ? item.key : item.name, item, code: Self.code(item.key),
                        bold: false)
                }
            }
        } else {
            for (index, item) in shown.enumerated() {
                let name =
                    byUnit
                    ? (item.name.isEmpty ? item.key : item.name)
                    : (item.key.isEmpty ? "(Không ghi lĩnh vực)" : item.key)
                try dataRow(String(index + 1), name, item, code: byUnit ? Self.code(item.key) : nil, bold: false)
            }
        }
        try dataRow("", "Tổng cộng", total, code: nil, bold: true)

        // The note: what (7) and (11) hold, and the counting rules.
        try row([])
        for note in noteLines ?? Self.notes(counting) {
            // Merged cells do not grow with their text: the height is set for about 220 characters a line.
            try row(line([(0, text(note, .italic))]), height: 16 * Double(1 + note.count / 220))
            merge(0, last)
        }
        // The signature block: place and date, the preparer and the head of the unit.
        try row([])
        try row(line([(12, text("……………, ngày … tháng … năm ………", .centered))]))
        merge(12, last)
        try row(line([(1, text("NGƯỜI LẬP BIỂU", .boldCentered)), (12, text("THỦ TRƯỞNG ĐƠN VỊ", .boldCentered))]))
        merge(12, last)
        try row(
            line([(1, text("(Ký, ghi rõ họ tên)", .centered)), (12, text("(Ký tên, đóng dấu)", .centered))]))
        merge(12, last)
    }

    /// "Quý I/2024 (Từ ngày 15/12/2023 đến ngày 14/03/2024)": the form's period line.
    public static func periodLine(_ period: ReportingPeriod) -> String {
        let days = "Từ ngày \(VietnameseFormat.date(period.firstDay)) đến ngày \(VietnameseFormat.date(period.lastDay))"
        switch period.kind {
        case .range: return days
        default:
            let name = VietnameseFormat.period(period)
            let bare = name.split(separator: "(", maxSplits: 1).first.map { String($0.dropLast()) } ?? name
            guard name.contains("(") else { return "\(name) (\(days))" }
            return "\(bare) (\(days))"
        }
    }

    /// The band of a level (districts appear only in periods before the reorganisation of 1 July 2025).
    public static func bandTitle(_ level: UnitLevels.Level) -> String {
        switch level {
        case .province: return "Sở, ban, ngành và đơn vị cấp tỉnh"
        case .district: return "UBND cấp huyện"
        case .commune: return "UBND cấp xã, phường, thị trấn"
        }
    }

    /// The lines under the table.
    static func notes(_ counting: CountingRules) -> [String] {
        [
            "Ghi chú: (3) = (4) + (5) + (6) = (7) + (11). Cột (7) gồm hồ sơ đã giải quyết và hồ sơ rút, từ chối, "
                + "dừng xử lý kết thúc trong kỳ; (8) + (9) + (10) không gồm hồ sơ không có ngày hẹn trả (14) và hồ sơ "
                + "rút, từ chối, dừng xử lý (15); (11) gồm hồ sơ chưa kết thúc đến hết ngày cuối kỳ, (12) + (13) "
                + "không gồm hồ sơ không có ngày hẹn trả (17). (18) = ((8) + (9)) / ((8) + (9) + (10)) × 100. "
                + "(19) và (20) là phần của (5) tiếp nhận trực tuyến toàn trình và một phần (khi dữ liệu ghi rõ); "
                + "(21) là hồ sơ của (3) đã được gia hạn.",
            "Cách đếm: " + VietnameseFormat.counting(counting) + ".",
            "Số liệu tổng hợp từ dữ liệu hồ sơ của hệ thống một cửa điện tử (ReformIndex).",
        ]
    }
}
