import Foundation

/// Runs the built executables the way cron and users do, capturing stdout, stderr and the status.
package enum ProcessRunner {
    package struct Output {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    /// The folder holding the test bundle, where `swift build` also puts the executables.
    package static let binaries: String = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/"
            && !FileManager.default.isExecutableFile(atPath: url.deletingLastPathComponent().path + "/reform")
        {
            url.deleteLastPathComponent()
        }
        return url.deletingLastPathComponent().path
    }()

    /// Runs `tool` (a product name) with `arguments` in `directory`.
    package static func run(
        _ tool: String, _ arguments: [String], in directory: String = TestPaths.root,
        environment: [String: String] = [:]
    ) throws
        -> Output
    {
        try runExecutable(binaries + "/" + tool, arguments, in: directory, environment: environment)
    }

    /// Runs any executable.
    package static func runExecutable(
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
        _ = FileManager.default.createFile(atPath: folder + "/out", contents: nil)
        _ = FileManager.default.createFile(atPath: folder + "/err", contents: nil)
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
