/// What a kind of input file asks of a header row, so a sheet's table can be found.
package struct HeaderRequirement {
    /// True when a header of these column names (one per column, left to right) is acceptable.
    package var accepts: ([String]) -> Bool
    /// True when `name` names a column the kind of input reads (a contract name or an alias).
    package var knows: (String) -> Bool
    /// Why the given header is not acceptable (for the message when no row is).
    package var refusal: ([String]) -> String

    package init(
        accepts: @escaping ([String]) -> Bool, knows: @escaping (String) -> Bool,
        refusal: @escaping ([String]) -> String
    ) {
        self.accepts = accepts
        self.knows = knows
        self.refusal = refusal
    }
}

/// The table in one sheet of a workbook: where its header is, what stands above it, and its data
/// rows as records. docs/contract.md §8: the header is the first row within `searchRows` where the
/// required columns are found; a header of two or three rows is merged cell by cell (merged cells
/// forward-filled) and a column is named by its lowest header cell or by its header cells joined top
/// to bottom. Blank rows, a row numbering the columns and total rows are skipped and counted.
package final class SheetTable: RecordSource {
    /// How many rows from the top are searched for the header.
    package static let searchRows = 40
    /// The sheet's name (or "HTML table").
    package let sheetName: String
    /// The column names, one per column of the table (the sheet's columns with a name).
    package let header: [String]
    /// The sheet column (from 0) of each of `header`'s columns: a column without a name is read by
    /// nothing, and a sheet padded out to column XFD costs only the cells it holds.
    private let columns: [Int]
    /// One past the header's last column: text beyond it makes a row wider than its header.
    private let width: Int
    /// The sheet rows the header occupies.
    package let headerRows: ClosedRange<Int>
    /// The text of each row above the header (title, unit, period), in order.
    package let titleLines: [String]
    /// The issuing body and period the title rows state, when recognisable.
    package var stated: StatedFacts { StatedFacts(titleLines: titleLines) }
    /// Blank, numbering and total rows skipped so far.
    package private(set) var skipped = 0
    private let grid: GridSource
    private var buffered: [GridRow]
    private var bufferedIndex = 0
    private var row = GridRow()
    private var sawData = false
    private var handedOut = 0
    /// How many times its own (inflated) size a table may hand out as records.
    static let maxAmplification = 64

    package var bytesRead: Int { grid.bytesRead }

    /// Finds the table of `grid` whose header meets `requirement`.
    package init(grid: GridSource, sheetName: String, requirement: HeaderRequirement) throws {
        self.grid = grid
        self.sheetName = sheetName
        var rows: [GridRow] = []
        var row = GridRow()
        while rows.count < Self.searchRows + 2, try grid.nextRow(&row) {
            row.trimTrailingEmpty()
            rows.append(row)
        }
        // Merged ranges follow all of a sheet's rows, so reading them costs a second pass over the
        // sheet: it is made only for a header of several rows that has a gap a merge could fill.
        // Each row's cells normalised once; merged ranges filled in once, when first needed.
        let plain = rows.map { row in (0..<row.count).map { Self.normalized(row.cell($0)) } }
        var filled: [[String]]?
        var chosen: (bottom: Int, height: Int, score: Int, names: [String])?
        // The rows most like a header (most columns the kind knows), for the message when none is.
        var nearest: (bottom: Int, height: Int, score: Int, names: [String])?
        func consider(bottom: Int, height: Int) throws {
            guard bottom < rows.count, height <= 3, bottom - height + 1 >= 0 else { return }
            let span = (bottom - height + 1)...bottom
            if filled == nil && Self.mergesMatter(Array(rows[span])) {
                filled = Self.filled(plain, rows: rows, merges: try grid.merges())
            }
            let names = Self.names(cells: Array((filled ?? plain)[span]), knows: requirement.knows)
            let score = names.filter(requirement.knows).count
            if score > (nearest?.score ?? 0) { nearest = (bottom, height, score, names) }
            guard requirement.accepts(names) else { return }
            if chosen == nil || score > chosen!.score { chosen = (bottom, height, score, names) }
        }
        for bottom in 0..<min(rows.count, Self.searchRows) {
            for height in 1...3 { try consider(bottom: bottom, height: height) }
            if let found = chosen {
                // A header whose next row adds sub-columns ("Ngày" over "tiếp nhận | hẹn trả").
                for extra in 1...2 { try consider(bottom: found.bottom + extra, height: found.height + extra) }
                break
            }
        }
        guard let chosen else {
            if let nearest {
                let top = rows[nearest.bottom - nearest.height + 1].number, bottom = rows[nearest.bottom].number
                let place = top == bottom ? "row \(bottom)" : "rows \(top)–\(bottom) (read as one header)"
                throw WorkbookError.headerNotFound(
                    sheet: sheetName, rows: Self.searchRows,
                    reason: "the rows most like a header are \(place): " + requirement.refusal(nearest.names))
            }
            let first = rows.first { !$0.isBlank }
            let cells = first.map { (0..<$0.count).map($0.string) } ?? []
            throw WorkbookError.headerNotFound(
                sheet: sheetName, rows: Self.searchRows,
                reason: cells.isEmpty
                    ? "the sheet is empty"
                    : "no row names a column it reads; in its first row (\(first!.number)), "
                        + requirement.refusal(cells))
        }
        let named = chosen.names.indices.filter { !chosen.names[$0].isEmpty }
        header = named.map { chosen.names[$0] }
        columns = named
        width = chosen.names.count
        let top = chosen.bottom - chosen.height + 1
        headerRows = rows[top].number...rows[chosen.bottom].number
        titleLines = rows[..<top].flatMap(Self.lines)
        buffered = Array(rows[(chosen.bottom + 1)...])
    }

    /// True when merged ranges could change the names of header rows `rows`: a row above the
    /// lowest has an empty cell in a column some other of the rows names. (A merge only fills
    /// empty cells; a lowest cell filled from the one above names its column as the join does.)
    package static func mergesMatter(_ rows: [GridRow]) -> Bool {
        guard rows.count > 1 else { return false }
        let width = rows.map(\.count).max() ?? 0
        func isEmpty(_ row: GridRow, _ column: Int) -> Bool { !row.cell(column).contains { $0 > 0x20 } }
        for column in 0..<width where rows.contains(where: { !isEmpty($0, column) }) {
            if rows.dropLast().contains(where: { isEmpty($0, column) }) { return true }
        }
        return false
    }

    /// The normalised text of `rows`' cells with merged ranges filled in (a range's first cell's
    /// text in each empty cell it covers), as wide as the widest row.
    static func filled(_ cells: [[String]], rows: [GridRow], merges: [CellRange]) -> [[String]] {
        var cells = cells
        let width = cells.map(\.count).max() ?? 0
        // A range given upside down (a damaged file) fills nothing rather than trapping.
        for merge in merges
        where merge.firstColumn < width && merge.firstRow <= merge.lastRow && merge.firstColumn <= merge.lastColumn {
            guard let origin = rows.firstIndex(where: { $0.number == merge.firstRow + 1 }) else { continue }
            guard merge.firstColumn < cells[origin].count else { continue }
            let value = cells[origin][merge.firstColumn]
            for (k, row) in rows.enumerated() where (merge.firstRow...merge.lastRow).contains(row.number - 1) {
                for column in merge.firstColumn...min(merge.lastColumn, width - 1) {
                    while cells[k].count <= column { cells[k].append("") }
                    if cells[k][column].isEmpty { cells[k][column] = value }
                }
            }
        }
        return cells
    }

    /// The column names of a header of rows `cells` (top to bottom).
    static func names(cells: [[String]], knows: (String) -> Bool) -> [String] {
        let width = cells.map(\.count).max() ?? 0
        return (0..<width).map { column in
            let parts = cells.map { column < $0.count ? $0[column] : "" }
            // Most columns of a wide, sparse sheet are empty in every header row.
            if parts.allSatisfy(\.isEmpty) { return "" }
            var joinedParts: [String] = []
            for part in parts where !part.isEmpty && joinedParts.last != part { joinedParts.append(part) }
            let joined = joinedParts.joined(separator: " ")
            let lowest = parts.last ?? ""
            if knows(joined) { return joined }
            if knows(lowest) { return lowest }
            return lowest.isEmpty ? joined : lowest
        }
    }

    /// A cell's text with whitespace runs (line breaks in a header cell) made one space, trimmed.
    static func normalized(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.isEmpty { return "" }
        return String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// A title row's text: its distinct cells joined by spaces; a line break inside a cell (an
    /// HTML `<br>`, Alt+Enter in Excel) starts a new line.
    package static func lines(_ row: GridRow) -> [String] {
        var lines: [[String]] = [[]]
        for index in 0..<row.count {
            // A merged or spanned title repeats in every cell it covers.
            if index > 0 && row.cell(index).elementsEqual(row.cell(index - 1)) { continue }
            let pieces = String(decoding: row.cell(index), as: UTF8.self).split(
                separator: "\n", omittingEmptySubsequences: false)
            // A cell of several lines is a block of its own ("UBND TỈNH X\nUBND HUYỆN Y" beside "CỘNG
            // HÒA…"): its lines never run on into the next cell's.
            let isBlock = pieces.count > 1
            if isBlock && !(lines.last ?? []).isEmpty { lines.append([]) }
            for (number, piece) in pieces.enumerated() {
                if number > 0 && !(lines.last ?? []).isEmpty { lines.append([]) }
                let text = normalized(ArraySlice(piece.utf8))
                if !text.isEmpty && lines[lines.count - 1].last != text { lines[lines.count - 1].append(text) }
            }
            if isBlock && !(lines.last ?? []).isEmpty { lines.append([]) }
        }
        return lines.map { $0.joined(separator: " ") }.filter { !$0.isEmpty }
    }

    package func nextRecord(bytes: inout [UInt8], ends: inout [Int]) throws -> Int? {
        while true {
            if bufferedIndex < buffered.count {
                row = buffered[bufferedIndex]
                bufferedIndex += 1
                if bufferedIndex == buffered.count { buffered = [] }
            } else {
                guard try grid.nextRow(&row) else { return nil }
                row.trimTrailingEmpty()
            }
            if row.isBlank || Self.isTotal(row) || (!sawData && Self.isNumbering(row)) {
                skipped += 1
                continue
            }
            sawData = true
            let number = row.number
            row.copyCells(of: columns, width: width, into: &bytes, ends: &ends)
            // A sheet can repeat a long shared string, or an HTML cell span rows, far beyond its
            // own size; real tables hand out about as much text as they hold.
            handedOut += bytes.count
            if handedOut > Self.maxAmplification * max(grid.bytesRead, 4 << 20) {
                throw WorkbookError.amplified(sheet: sheetName, factor: Self.maxAmplification)
            }
            return number
        }
    }

    /// Labels of total rows, compared after case folding.
    static let totalLabels = ["tổng cộng", "tổng số", "cộng", "tổng"]

    /// True for a row whose first non-empty cell is a total label, alone or followed by its count
    /// ("Tổng cộng: 6914 hồ sơ", "Tổng số: 120", often merged across the row).
    package static func isTotal(_ row: GridRow) -> Bool {
        for index in 0..<row.presentCount {
            let cell = row.presentCell(index).bytes
            guard let first = cell.first(where: { $0 > 0x20 }) else { continue }
            // Every label starts with T or C ("Tổng …", "Cộng"); most cells are ruled out here,
            // before any Unicode work.
            guard cell.count <= 80, first | 0x20 == UInt8(ascii: "t") || first | 0x20 == UInt8(ascii: "c") else {
                return false
            }
            let text = normalized(cell).lowercased()
            for label in totalLabels where text.hasPrefix(label) {
                var rest = text.dropFirst(label.count).drop { $0 == ":" || $0 == " " }
                if rest.isEmpty { return true }
                // A count, and the words for what it counts.
                guard rest.first!.isASCII && rest.first!.isNumber else { continue }
                rest = rest.drop { $0.isNumber || $0 == "." || $0 == "," }
                return rest.isEmpty
                    || ["hồ sơ", "hs", "đơn vị", "thủ tục", "tthc", "lĩnh vực"].contains(
                        rest.trimmingPrefix(" ").description)
            }
            return false
        }
        return false
    }

    /// True for a row numbering the columns: "(1) (2) (3)…" or "1 2 3…", letters allowed ("A B 1 2"),
    /// formulas after the number ("(3=4+5)").
    package static func isNumbering(_ row: GridRow) -> Bool {
        var numbers: [Int] = []
        var filled = 0
        for index in 0..<row.presentCount {
            var text = Substring(normalized(row.presentCell(index).bytes))
            if text.isEmpty { continue }
            filled += 1
            if text.hasPrefix("(") && text.hasSuffix(")") { text = text.dropFirst().dropLast() }
            // A column that states its formula: "(3=4+5)", "(6=7+8+9)" (OpenCPS's statistics).
            if let equals = text.firstIndex(of: "="), case let formula = text[text.index(after: equals)...],
                formula.first?.isNumber == true,
                formula.allSatisfy({ $0.isASCII && ($0.isNumber || "+-*x ".contains($0)) })
            {
                text = text[..<equals]
            }
            if let number = Int(text), text.count <= 3 {
                numbers.append(number)
            } else if !(text.count == 1 && text.first!.isLetter) {
                return false
            }
        }
        guard filled >= 2, numbers.count >= 2 else { return false }
        return zip(numbers, numbers.dropFirst()).allSatisfy { $1 == $0 + 1 }
    }
}
