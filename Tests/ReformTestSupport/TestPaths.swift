import Foundation

/// Paths and helpers shared by the tests.
package enum TestPaths {
    /// The repository root (two folders above this file's folder).
    package static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// Test inputs kept beside the tests (csv-spectrum, lunar dates).
    package static let fixtures = root + "/Tests/Fixtures"

    /// The committed calendars.
    package static let calendars = root + "/Pipelines/calendars"

    /// A fresh temporary folder for one test.
    package static func temporaryFolder(_ name: String = #function) -> String {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let path = NSTemporaryDirectory() + "reform-tests/\(safe)-\(UUID().uuidString.prefix(8))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
