import Foundation

@testable import ReformCore

/// Runs the built executables the way cron and users do, capturing stdout, stderr and the status.
enum ProcessRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The folder holding the test bundle, where `swift build` also puts the executables.
    static let binaries: String = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/"
            && !FileManager.default.isExecutableFile(atPath: url.deletingLastPathComponent().path + "/reform")
        {
            url.deleteLastPathComponent()
        }
        return url.deletingLastPathComponent().path
    }()

    /// Runs `tool` (a product name) with `arguments` in `directory`.
    static func run(
        _ tool: String, _ arguments: [String], in directory: String = TestPaths.root,
        environment: [String: String] = [:]
    ) throws
        -> Output
    {
        try runExecutable(binaries + "/" + tool, arguments, in: directory, environment: environment)
    }

    /// Runs any executable.
    static func runExecutable(
        _ path: String, _ arguments: [String], in directory: String = TestPaths.root,
        environment: [String: String] = [:]
    )
        throws -> Output
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SOURCE_DATE_EPOCH")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // Output goes to files: no pipe can fill up and block the child.
        let folder = TestPaths.temporaryFolder("process")
        FileManager.default.createFile(atPath: folder + "/out", contents: nil)
        FileManager.default.createFile(atPath: folder + "/err", contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/out"))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/err"))
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: URL(fileURLWithPath: folder + "/out"))
        let errData = try Data(contentsOf: URL(fileURLWithPath: folder + "/err"))
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Checks the docs/contract.md §3.1 identities and the rate formula on every row of a Biểu 06 CSV;
/// returns one message per broken rule.
enum Bieu06Identities {
    static func check(csv path: String) throws -> (
        problems: [String], pendingByKey: [String: Int], carriedByKey: [String: Int]
    ) {
        var reader = try CSVReader(path: path)
        defer { reader.close() }
        guard try reader.nextRecord() else { return (["\(path): empty"], [:], [:]) }
        let header = (0..<reader.fieldCount).map { reader.string($0) }
        var problems: [String] = []
        var pending: [String: Int] = [:], carried: [String: Int] = [:]
        while try reader.nextRecord() {
            var row: [String: String] = [:]
            for i in 0..<reader.fieldCount { row[header[i]] = reader.string(i) }
            func n(_ name: String) -> Int { Int(row[name] ?? "") ?? -1 }
            let key = row["unit_code"] ?? row["field"] ?? ""
            let where_ = "\(path) line \(reader.line)"
            if n("total") != n("carried_in") + n("new_online") + n("new_direct_postal") {
                problems.append("\(where_): total ≠ carried_in + new")
            }
            if n("total") != n("resolved") + n("withdrawn_rejected") + n("pending") {
                problems.append("\(where_): total ≠ resolved + wr + pending")
            }
            if n("resolved") != n("early") + n("on_time") + n("late") + n("resolved_no_due") {
                problems.append("\(where_): resolved split")
            }
            if n("pending") != n("pending_within") + n("pending_overdue") + n("pending_no_due") {
                problems.append("\(where_): pending split")
            }
            if n("total") <= 0 { problems.append("\(where_): row with total 0") }
            let decided = n("early") + n("on_time") + n("late")
            let expected = decided == 0 ? "" : Percentage.text(n("early") + n("on_time"), decided)!
            if row["on_time_rate"] != expected {
                problems.append("\(where_): rate \(row["on_time_rate"] ?? "nil") ≠ \(expected)")
            }
            pending[key] = n("pending")
            carried[key] = n("carried_in")
        }
        return (problems, pending, carried)
    }
}
