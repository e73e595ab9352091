import Foundation

@testable import ReformCore

/// Paths and helpers shared by the tests.
enum TestPaths {
    /// The repository root (two folders above this file's folder).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let fixtures = root + "/Tests/ReformCoreTests/Fixtures"

    /// Compute settings with the committed calendars and the default rule sets.
    static var settings: ComputeSettings {
        ComputeSettings(calendar: WorkingCalendar(folder: root + "/Pipelines/calendars"))
    }

    /// A fresh temporary folder for one test.
    static func temporaryFolder(_ name: String = #function) -> String {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let path = NSTemporaryDirectory() + "reform-tests/\(safe)-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Reads every record of `bytes` as strings, with their start lines and flags.
func readAll(_ bytes: [UInt8]) throws -> [(line: Int, fields: [String], unterminated: Bool, nul: Bool)] {
    var reader = CSVReader(bytes: bytes)
    var out: [(Int, [String], Bool, Bool)] = []
    while try reader.nextRecord() {
        out.append(
            (reader.line, (0..<reader.fieldCount).map { reader.string($0) }, reader.isUnterminated, reader.containsNUL))
    }
    return out.map { (line: $0.0, fields: $0.1, unterminated: $0.2, nul: $0.3) }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}

extension ResultRow {
    /// The row's cells as its CSV file writes them (empty for no value).
    var texts: [String] {
        OutputTable([self]).rows[0].map { cell in
            switch cell {
            case .text(let text), .number(let text): return text
            case .empty: return ""
            }
        }
    }
}
