import Foundation
import ReformTabular

/// Reads every record of `bytes` as strings, with their start lines and flags.
package func readAll(_ bytes: [UInt8]) throws -> [(line: Int, fields: [String], unterminated: Bool, nul: Bool)] {
    var reader = CSVReader(bytes: bytes)
    var out: [(Int, [String], Bool, Bool)] = []
    while try reader.nextRecord() {
        out.append(
            (reader.line, (0..<reader.fieldCount).map { reader.string($0) }, reader.isUnterminated, reader.containsNUL))
    }
    return out.map { (line: $0.0, fields: $0.1, unterminated: $0.2, nul: $0.3) }
}

extension String {
    package var bytes: [UInt8] { Array(utf8) }
}

/// The records of the CSV file at `path` after its header, each by column name.
package func csvRowsByName(_ path: String) throws -> [[String: String]] { try CSVReader.recordsByName(path: path) }
