import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What some tests need from the machine beyond Swift: root (they mount small file systems),
/// headless Chromium, the Python oracle's lunar-calendar package, GNU time, the sqlite3 shell.
///
/// Where something is missing a test is skipped with the reason (a developer's machine) — but
/// under `CI=true`, which `.ci/run` sets after installing all of them, it runs and fails, so a CI
/// run never passes by skipping.
package enum Requirement: CustomStringConvertible {
    case root
    case chromium
    case pythonModule(String)
    case executable(String)

    package var isMet: Bool {
        switch self {
        case .root: return geteuid() == 0
        case .chromium: return Self.browser != nil
        case .executable(let path): return FileManager.default.isExecutableFile(atPath: path)
        case .pythonModule(let name):
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", "import \(name)"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return false }
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
    }

    package var description: String {
        switch self {
        case .root: return "root (the test mounts a small file system)"
        case .chromium: return "chromium-headless-shell (apt-get install chromium-headless-shell)"
        case .pythonModule(let name): return "the Python package \(name) (pip install \(name))"
        case .executable(let path): return path
        }
    }

    /// The headless Chromium the page tests render with, when installed.
    package static let browser = ["/usr/bin/chromium-headless-shell", "/usr/lib/chromium/chromium-headless-shell"].first
    {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// True under CI, where nothing may be skipped.
    package static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test when every requirement is met, or under CI (where a missing one then fails the
    /// test); skips it with the reason otherwise.
    package static func requires(_ requirements: Requirement...) -> Self {
        let missing = requirements.filter { !$0.isMet }
        return .enabled(
            if: missing.isEmpty || Requirement.isCI,
            Comment(rawValue: "needs " + missing.map(\.description).joined(separator: ", ")))
    }
}

/// Records a failure naming what is missing (under CI a test runs even so, and must say why it fails).
package func expectRequirements(_ requirements: Requirement...) {
    for requirement in requirements where !requirement.isMet {
        Issue.record("this machine lacks \(requirement); .ci/run installs it")
    }
}
