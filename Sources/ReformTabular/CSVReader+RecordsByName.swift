extension CSVReader {
    /// The records of the small CSV file at `path` after its header, each by column name (a field
    /// beyond the header has no name and is left out; a short record lacks the names it does not
    /// reach). For reference lists and test outputs, not for exports: it holds the whole file.
    package static func recordsByName(path: String) throws -> [[String: String]] {
        var reader = try CSVReader(path: path)
        defer { reader.close() }
        guard try reader.nextRecord() else { return [] }
        let header = (0..<reader.fieldCount).map { reader.string($0) }
        var rows: [[String: String]] = []
        while try reader.nextRecord() {
            var row: [String: String] = [:]
            for index in 0..<min(header.count, reader.fieldCount) { row[header[index]] = reader.string(index) }
            rows.append(row)
        }
        return rows
    }
}
