// swift-tools-version:6.0
import PackageDescription

#if arch(x86_64)
    let hardwareHashFlags: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-msha", "-Xcc", "-mssse3", "-Xcc", "-msse4.1"])]
#else
    let hardwareHashFlags: [SwiftSetting] = []
#endif

// Hot paths cross module boundaries (the CSV reader, byte tables, UTF-8 and date checks are called
// per field from Ingest): release builds let the optimiser inline and specialise across modules.
let layer: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]
// The readers' scanners are classes whose buffers are touched per byte; the run-time exclusivity
// checks on them cost more than the scanning (the checks stay on in debug builds and tests).
let scanners: [SwiftSetting] = [
    .unsafeFlags(["-cross-module-optimization", "-enforce-exclusivity=unchecked"], .when(configuration: .release))
]

let package = Package(
    name: "ReformIndex",
    products: [
        .executable(name: "reform-ingest", targets: ["reform-ingest"]),
        .executable(name: "reform-compute", targets: ["reform-compute"]),
        .executable(name: "reform-report", targets: ["reform-report"]),
        .executable(name: "reform-compare", targets: ["reform-compare"]),
        .executable(name: "reform-consolidate", targets: ["reform-consolidate"]),
        .executable(name: "reform", targets: ["reform"]),
        .executable(name: "reform-sample", targets: ["reform-sample"]),
    ],
    targets: [
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Compiled with the x86 SHA instructions enabled; used only after a CPUID check.
        .target(name: "SHA256Hardware", swiftSettings: hardwareHashFlags),
        // One module per layer, bottom to top. Each declares exactly the modules its files import
        // (ArchitectureTests holds it: an import not declared, or a declaration no file uses, fails),
        // so the compiler holds the architecture. Only ReformStore links SQLite; README.md lists
        // what each module uses and why.
        .target(name: "ReformSupport", dependencies: ["SHA256Hardware"], swiftSettings: layer),
        .target(name: "ReformModel", dependencies: ["ReformSupport"], swiftSettings: layer),
        .target(name: "ReformTabular", dependencies: ["CZlib", "ReformSupport"], swiftSettings: scanners),
        .target(
            name: "ReformCalendar", dependencies: ["ReformSupport", "ReformModel", "ReformTabular"],
            swiftSettings: layer),
        .target(name: "ReformStore", dependencies: ["CSQLite", "ReformSupport", "ReformModel"], swiftSettings: layer),
        .target(
            name: "ReformIngest", dependencies: ["ReformSupport", "ReformModel", "ReformTabular", "ReformStore"],
            swiftSettings: layer),
        .target(
            name: "ReformMetrics", dependencies: ["ReformSupport", "ReformModel", "ReformCalendar", "ReformStore"],
            swiftSettings: layer),
        .target(
            name: "ReformReport",
            dependencies: ["ReformSupport", "ReformModel", "ReformTabular", "ReformStore", "ReformMetrics"],
            swiftSettings: layer),
        .target(
            name: "ReformPipeline",
            dependencies: [
                "ReformSupport", "ReformModel", "ReformTabular", "ReformCalendar", "ReformStore", "ReformIngest",
                "ReformMetrics", "ReformReport",
            ], swiftSettings: layer),
        .target(
            name: "ReformSample",
            dependencies: [
                "ReformSupport", "ReformModel", "ReformTabular", "ReformCalendar", "ReformIngest", "ReformMetrics",
            ], swiftSettings: layer),
        // The command-line tools: their declared options, generated help, argument parsing, exit
        // statuses; each executable is a `main.swift` that runs one.
        .target(
            name: "ReformCLI",
            dependencies: [
                "ReformSupport", "ReformModel", "ReformTabular", "ReformCalendar", "ReformStore", "ReformIngest",
                "ReformMetrics", "ReformReport", "ReformPipeline", "ReformSample",
            ], swiftSettings: layer),
        .executableTarget(name: "reform-ingest", dependencies: ["ReformCLI"]),
        .executableTarget(name: "reform-compute", dependencies: ["ReformCLI"]),
        .executableTarget(name: "reform-consolidate", dependencies: ["ReformCLI"]),
        .executableTarget(name: "reform-report", dependencies: ["ReformCLI"]),
        .executableTarget(name: "reform-compare", dependencies: ["ReformCLI"]),
        .executableTarget(name: "reform", dependencies: ["ReformCLI"]),
        .executableTarget(name: "reform-sample", dependencies: ["ReformCLI"]),
        // Tests: one target per module, each depending on the module under test and those below it
        // (Ingest too where a test builds its store from an export), and the shared helpers. The
        // fixtures (Tests/Fixtures) are read from the source tree by path, not bundled.
        .target(
            name: "ReformTestSupport", dependencies: ["ReformModel", "ReformTabular"],
            path: "Tests/ReformTestSupport"),
        .testTarget(
            name: "ReformSupportTests", dependencies: ["ReformTestSupport", "ReformSupport", "SHA256Hardware"]),
        .testTarget(name: "ReformModelTests", dependencies: ["ReformTestSupport", "ReformModel"]),
        .testTarget(name: "ReformTabularTests", dependencies: ["ReformTestSupport", "ReformTabular"]),
        .testTarget(name: "ReformCalendarTests", dependencies: ["ReformTestSupport", "ReformCalendar"]),
        .testTarget(name: "ReformStoreTests", dependencies: ["ReformTestSupport", "ReformStore"]),
        .testTarget(name: "ReformIngestTests", dependencies: ["ReformTestSupport", "ReformIngest"]),
        .testTarget(name: "ReformMetricsTests", dependencies: ["ReformTestSupport", "ReformMetrics", "ReformIngest"]),
        .testTarget(name: "ReformReportTests", dependencies: ["ReformTestSupport", "ReformReport"]),
        .testTarget(
            name: "ReformPipelineTests", dependencies: ["ReformTestSupport", "ReformPipeline", "ReformSample"]),
        .testTarget(name: "ReformSampleTests", dependencies: ["ReformSample"]),
        // The executables end to end, as users and cron run them, and the rules of the source tree.
        .testTarget(name: "ReformCLITests", dependencies: ["ReformTestSupport", "ReformCLI"]),
    ]
)
