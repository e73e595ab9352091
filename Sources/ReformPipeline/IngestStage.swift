import ReformCalendar
import ReformIngest
import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

#if canImport(Glibc)
    import Glibc
#endif

/// What a file holds.
public enum InputKind: String, Sendable, CaseIterable {
    case dossiers, procedures, survey, questions
    case parScores = "par-scores"
    case units
    case mergeMap = "merge-map"
    /// Reports units and other systems submit (docs/contract.md §10).
    case report
    case unitAliases = "unit-aliases"
    /// Decision 766 scores as the national portal publishes them.
    case published766 = "published-766"
}

/// What `--kind report` is told beyond the files: the period and, for a report by field, the unit.
public struct ReportOptions: Sendable {
    public var period: ClosedRange<Int>?
    public var unitCode: String?
    /// The period of published Decision 766 scores (`--kind published-766`), when not the file name's.
    public var namedPeriod: ReportingPeriod?

    public init(period: ClosedRange<Int>? = nil, unitCode: String? = nil) {
        self.period = period
        self.unitCode = unitCode
    }
}

/// The ingest stage: each file in order, one transaction per file. A refused or unreadable file is
/// reported and skipped; the others are still ingested. The outcome is the first failure (nil when
/// every file went in).
public enum IngestStage {
    /// What one run of the stage came to.
    public struct Outcome: Sendable {
        /// The first file refused, unreadable or missing; nil when every file went in.
        public var failure: PipelineError?
        /// Files read (or found already read).
        public var ingested = 0
        /// Files refused whole or unreadable.
        public var refused = 0
    }

    /// Ingests `files` into the database at `databasePath`; summary lines go to `output`. Returns
    /// the first failure.
    public static func run(
        database: Database, rejectsFolder: String, files: [String], kind: InputKind = .dossiers,
        encoding: InputEncoding = .utf8, sheet: String? = nil, report: ReportOptions = ReportOptions(), tool: String,
        progress: ProgressMeter? = nil, output: (String) -> Void
    ) throws -> PipelineError? {
        try outcome(
            database: database, rejectsFolder: rejectsFolder, files: files, kind: kind, encoding: encoding,
            sheet: sheet,
            report: report, tool: tool, progress: progress, output: output
        ).failure
    }

    /// Ingests `files` as `run` does and says how many went in and how many were refused. A refused
    /// file is remembered with its reason (`RefusedFileTable`) until its path is read (as any kind).
    /// `homePage` false leaves the home page to the caller (`reform run` writes it once, at the end).
    public static func outcome(
        database: Database, rejectsFolder: String, files: [String], kind: InputKind = .dossiers,
        encoding: InputEncoding = .utf8, sheet: String? = nil, report: ReportOptions = ReportOptions(), tool: String,
        homePage: Bool = true, progress: ProgressMeter? = nil, output: (String) -> Void
    ) throws -> Outcome {
        var dossiers = DossierIngester(database: database, rejectsFolder: rejectsFolder, encoding: encoding)
        dossiers.sheet = sheet
        dossiers.progress = progress
        var catalogue = ProcedureCatalogueIngester(database: database, rejectsFolder: rejectsFolder)
        catalogue.sheet = sheet
        let rejectsPrefix = FilePath.absolute(rejectsFolder) + "/"
        var first: PipelineError?
        var result = Outcome()
        for file in files {
            let shown = FilePath.printable(file.hasPrefix("/proc/self/fd/") ? RawPath.displayName(of: file) : file)
            func fail(_ failure: PipelineError) {
                Diagnostics.error("\(tool): \(shown): \(failure.description)")
                result.refused += 1
                // Remembered so that every report lists it until the file is read (a path that
                // cannot be opened is no file to list).
                if failure.cause != .inputMissing {
                    let refusal = RefusedFileTable.Refusal(
                        fileName: PersonalData.maskedFileName(RawPath.displayName(of: file)), kind: kind.rawValue,
                        sha256: (try? SHA256.hexDigest(ofFile: file)) ?? "", reason: failure.description)
                    try? RefusedFileTable.record(
                        refusal, sourcePath: FilePath.absolute(file), refusedAt: DossierIngester.timestamp(),
                        in: database)
                }
                if first == nil { first = failure }
            }
            // Our own rejects files are outputs, never inputs (a pattern such as exports/* may
            // reach the rejects folder inside it).
            if FilePath.absolute(file).hasPrefix(rejectsPrefix) || file.hasSuffix(".rejects.csv") {
                Diagnostics.error("\(tool): \(shown): skipped: it is a rejects file written by reform-ingest")
                continue
            }
            do {
                try requireRegularFile(file)
                let summary: IngestSummary
                switch kind {
                case .dossiers: summary = try dossiers.ingest(path: file)
                case .procedures: summary = try catalogue.ingest(path: file)
                case .units, .mergeMap:
                    let list = UnitListIngester.Kind(rawValue: kind.rawValue)!
                    var ingester = UnitListIngester(database: database, rejectsFolder: rejectsFolder, kind: list)
                    ingester.sheet = sheet
                    summary = try ingester.ingest(path: file)
                case .report:
                    var ingester = SubmittedReportIngester(database: database, rejectsFolder: rejectsFolder)
                    ingester.sheet = sheet
                    ingester.period = report.period
                    ingester.unitCode = report.unitCode
                    summary = try ingester.ingest(path: file)
                case .published766:
                    var ingester = Published766Ingester(database: database, rejectsFolder: rejectsFolder)
                    ingester.sheet = sheet
                    ingester.period = report.namedPeriod
                    summary = try ingester.ingest(path: file)
                case .unitAliases:
                    var ingester = UnitAliasIngester(database: database, rejectsFolder: rejectsFolder)
                    ingester.sheet = sheet
                    summary = try ingester.ingest(path: file)
                case .survey, .questions, .parScores:
                    let index = IndexInputIngester.Kind(rawValue: kind.rawValue)!
                    var ingester = IndexInputIngester(database: database, rejectsFolder: rejectsFolder, kind: index)
                    ingester.sheet = sheet
                    summary = try ingester.ingest(path: file)
                }
                output(summary.line)
                result.ingested += 1
                try RefusedFileTable.clear(sourcePath: FilePath.absolute(file), in: database)
                for note in summary.notes.prefix(50) { Diagnostics.error("\(tool): \(shown): note: \(note)") }
                if summary.notes.count > 50 {
                    Diagnostics.error("\(tool): \(shown): note: \(summary.notes.count - 50) more notes not shown")
                }
                if summary.alreadyIngested, var earlier = summary.earlier {
                    if earlier.sourcePath == FilePath.absolute(file) { earlier.sourcePath = "" }
                    Diagnostics.error(
                        "\(tool): \(shown): note: already ingested as \(earlier.description); "
                            + (kind == .report
                                ? "other --from/--to (or another --sheet) would read it anew"
                                : "another --kind or --encoding would read it anew"))
                }
            } catch let error as IngestRefusal {
                fail(PipelineError(.inputRefused, "refused: \(PersonalData.masked(error.description))"))
            } catch let error as WorkbookError {
                // The message may quote a sheet's name or a header cell: masked like any text of the file.
                fail(PipelineError(.inputRefused, "refused: \(PersonalData.masked(error.description))"))
            } catch let error as InputReadError {
                fail(PipelineError(error))
            } catch let failure as PipelineError where failure.cause == .inputMissing {
                fail(failure)
            } catch let error as OutputError where error.errno == ENAMETOOLONG {
                // One file's name, not the run's problem.
                fail(PipelineError(error))
            }
        }
        result.failure = first
        // Rejects written inside an output folder are listed on its home page.
        if homePage { try HomePageWriter.refresh(above: rejectsFolder, tool: tool) }
        return result
    }

    /// Refuses what is not a regular file before anything opens it: opening a FIFO blocks until
    /// a writer comes (holding the run lock meanwhile), and a directory or device is no export.
    static func requireRegularFile(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw PipelineError(.inputMissing, "cannot read it: \(String(cString: strerror(errno)))")
        }
        let kinds: [(mode_t, String)] = [
            (S_IFDIR, "a directory"), (S_IFIFO, "a FIFO (named pipe)"), (S_IFCHR, "a character device"),
            (S_IFBLK, "a block device"), (S_IFSOCK, "a socket"),
        ]
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            let kind = kinds.first { $0.0 == type }?.1 ?? "not a regular file"
            throw PipelineError(.inputMissing, "refused: it is \(kind), not an export file")
        }
    }
}
