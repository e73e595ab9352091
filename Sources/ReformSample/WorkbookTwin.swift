import ReformIngest
import ReformModel
import ReformSupport
import ReformTabular

/// Writes the workbook twin of a dossier export CSV: the same records laid out as one-stop
/// systems' "Excel" buttons lay them out, so the workbook readers can be checked against the CSV
/// and measured on large sheets.
public enum WorkbookTwin {
    /// How the twin looks.
    public enum Layout: String, CaseIterable, Sendable {
        /// An .xlsx with title rows, a two-row header merged over the date columns, an STT column,
        /// a row numbering the columns and a total row; dates as date cells.
        case titled
        /// An .xlsx with the header in row 1 and dates as date cells.
        case plain
        /// An HTML table saved with an .xls name, header cells spanning rows and columns.
        case html
    }

    /// Reads the CSV at `source` and writes its twin to `target`; returns the records written.
    /// Records a workbook cannot hold as they are (invalid UTF-8 is repaired; control characters
    /// are escaped) keep their cells otherwise.
    @discardableResult
    public static func write(source: String, target: String, layout: Layout) throws -> Int {
        var reader = try CSVReader(path: source, delimiter: .detect)
        defer { reader.close() }
        guard try reader.nextRecord() else { throw IngestRefusal.emptyFile }
        let header = (0..<reader.fieldCount).map { TextKey.value(reader.field($0)) }
        let dateColumns = Set(
            header.indices.filter {
                [.receivedAt, .dueAt, .completedAt, .returnedAt].contains(DossierColumn.matching(header: header[$0]))
            })
        switch layout {
        case .titled, .plain:
            return try writeWorkbook(
                &reader, header: header, dateColumns: dateColumns, source: source, target: target, layout: layout)
        case .html:
            return try writeHTML(&reader, header: header, target: target)
        }
    }

    private static func writeWorkbook(
        _ reader: inout CSVReader, header: [String], dateColumns: Set<Int>, source: String, target: String,
        layout: Layout
    ) throws -> Int {
        let workbook = try XLSXWriter(path: target)
        let titled = layout == .titled
        try workbook.beginSheet(
            "Danh sách hồ sơ", columnWidths: (titled ? [6] : []) + header.map { _ in 18 })
        if titled {
            let width = header.count + 1
            try workbook.row([XLSXWriter.Cell(.text("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"), .title)])
            try workbook.row([XLSXWriter.Cell(.text("DANH SÁCH HỒ SƠ TIẾP NHẬN VÀ GIẢI QUYẾT"), .title)])
            try workbook.row([XLSXWriter.Cell(.text(try statedPeriod(source: source, header: header)))])
            for row in 0..<2 {
                workbook.merge(CellRange(firstRow: row, firstColumn: 0, lastRow: row, lastColumn: width - 1))
            }
            // "Ngày" over the date columns that follow one another; other headers span both rows.
            var top: [XLSXWriter.Cell] = [XLSXWriter.Cell(.text("STT"), .header)]
            var bottom: [XLSXWriter.Cell] = [XLSXWriter.Cell(.empty, .header)]
            workbook.merge(CellRange(firstRow: 3, firstColumn: 0, lastRow: 4, lastColumn: 0))
            var column = 0
            while column < header.count {
                let name = header[column]
                if name.lowercased().hasPrefix("ngày ") {
                    var end = column
                    while end + 1 < header.count && header[end + 1].lowercased().hasPrefix("ngày ") { end += 1 }
                    for index in column...end {
                        top.append(XLSXWriter.Cell(index == column ? .text("Ngày") : .empty, .header))
                        bottom.append(XLSXWriter.Cell(.text(String(header[index].dropFirst(5))), .header))
                    }
                    workbook.merge(
                        CellRange(firstRow: 3, firstColumn: column + 1, lastRow: 3, lastColumn: end + 1))
                    column = end + 1
                } else {
                    top.append(XLSXWriter.Cell(.text(name), .header))
                    bottom.append(XLSXWriter.Cell(.empty, .header))
                    workbook.merge(CellRange(firstRow: 3, firstColumn: column + 1, lastRow: 4, lastColumn: column + 1))
                    column += 1
                }
            }
            try workbook.row(top)
            try workbook.row(bottom)
            try workbook.row((0..<width).map { XLSXWriter.Cell(.text("(\($0 + 1))"), .header) })
        } else {
            try workbook.row(header.map { XLSXWriter.Cell(.text($0)) })
        }
        var count = 0
        var cells: [XLSXWriter.Cell] = []
        while try reader.nextRecord() {
            count += 1
            cells.removeAll(keepingCapacity: true)
            if titled { cells.append(XLSXWriter.Cell(.number(String(count)), .bordered)) }
            for index in 0..<reader.fieldCount {
                let bytes = reader.field(index)
                let style: XLSXWriter.Style = titled ? .bordered : .plain
                if dateColumns.contains(index), let seconds = DateParser.parse(bytes) {
                    cells.append(
                        XLSXWriter.Cell(.date(localSeconds: seconds + CivilDate.vietnamOffsetSeconds), .date))
                } else {
                    cells.append(
                        XLSXWriter.Cell(bytes.isEmpty ? .empty : .text(String(decoding: bytes, as: UTF8.self)), style))
                }
            }
            try workbook.row(cells)
        }
        if titled {
            try workbook.row([
                XLSXWriter.Cell(.empty, .bordered), XLSXWriter.Cell(.text("Tổng cộng"), .header),
                XLSXWriter.Cell(.number(String(count)), .borderedNumber),
            ])
        }
        try workbook.commit()
        return count
    }

    /// "Từ ngày … đến ngày …" of the receipts in the export (a first pass over it), as systems
    /// print the period a list covers above it.
    static func statedPeriod(source: String, header: [String]) throws -> String {
        guard let column = header.firstIndex(where: { DossierColumn.matching(header: $0) == .receivedAt }) else {
            return ""
        }
        var reader = try CSVReader(path: source, delimiter: .detect)
        defer { reader.close() }
        _ = try reader.nextRecord()
        var first = Int.max, last = Int.min
        while try reader.nextRecord() {
            guard column < reader.fieldCount, let seconds = DateParser.parse(reader.field(column)) else { continue }
            let day = CivilDate.vietnamDay(ofEpochSeconds: seconds)
            first = min(first, day)
            last = max(last, day)
        }
        guard first <= last else { return "" }
        func text(_ day: Int) -> String {
            let (y, m, d) = CivilDate.civil(day)
            return "\(CivilDate.pad(d, 2))/\(CivilDate.pad(m, 2))/\(y)"
        }
        return "Từ ngày \(text(first)) đến ngày \(text(last))"
    }

    private static func writeHTML(_ reader: inout CSVReader, header: [String], target: String) throws -> Int {
        let file = try StagedFile(path: target)
        func text(_ value: String) -> String {
            var escaped = ""
            for character in value {
                switch character {
                case "&": escaped += "&amp;"
                case "<": escaped += "&lt;"
                case ">": escaped += "&gt;"
                case "\"": escaped += "&quot;"
                case "\n", "\r\n": escaped += "<br>"
                default: escaped.append(character)
                }
            }
            return escaped
        }
        try file.write(
            Array(
                ("<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head>\n"
                    + "<meta http-equiv=\"Content-Type\" content=\"application/vnd.ms-excel; charset=UTF-8\">\n"
                    + "</head><body>\n<table border=\"1\">\n"
                    + "<tr><td colspan=\"\(header.count)\" align=\"center\"><b>UBND THÀNH PHỐ HÀ NỘI<br>"
                    + "DANH SÁCH HỒ SƠ</b></td></tr>\n"
                    + "<tr>" + header.map { "<th>\(text($0))</th>" }.joined() + "</tr>\n").utf8))
        var count = 0
        while try reader.nextRecord() {
            count += 1
            var row = "<tr>"
            for index in 0..<reader.fieldCount {
                row += "<td>" + text(String(decoding: reader.field(index), as: UTF8.self)) + "</td>"
            }
            try file.write(Array((row + "</tr>\n").utf8))
        }
        try file.write(
            Array(
                ("<tr><td colspan=\"2\"><b>Tổng cộng</b></td><td>\(count)</td></tr>\n</table>\n</body></html>\n").utf8))
        try file.commit()
        return count
    }
}
