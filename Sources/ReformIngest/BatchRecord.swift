import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

#if canImport(Glibc)
    import Glibc
#endif

/// The batch table's rows as ingest writes them: one per ingested file, identified by content
/// (SHA-256), kind and encoding, with the path it was read from and its rejects file.
enum BatchRecord {
    /// The earlier batch of the same content, kind and encoding, if any.
    static func earlier(sha256: String, kind: String, encoding: InputEncoding, in database: Database) throws
        -> EarlierBatch?
    {
        try BatchTable.earlier(sha256: sha256, kind: kind, encoding: encoding.rawValue, in: database)
    }

    /// Inserts the batch row of a file (inside the file's transaction), first removing a
    /// replaceable earlier batch of the same identity; returns the new batch id.
    static func open(
        kind: String, summary: IngestSummary, sha256: String, bytes: Int, encoding: InputEncoding,
        fingerprint: String?, sourcePath: String, rejectsFile: String, in database: Database
    ) throws -> Int64 {
        if let earlier = summary.earlier, earlier.isReplaceable { try forget(earlier.id, in: database) }
        return try BatchTable.insert(
            BatchTable.NewBatch(
                kind: kind, fileName: summary.fileName, sha256: sha256, bytes: bytes,
                ingestedAt: DossierIngester.timestamp(), encoding: encoding.rawValue, fingerprint: fingerprint,
                sourcePath: sourcePath, rejectsFile: rejectsFile), in: database)
    }

    /// Removes a batch that accepted nothing (only its refused rows point at it).
    static func forget(_ batch: Int64, in database: Database) throws {
        try BatchTable.forget(batch, in: database)
    }

    /// Records the counts of a batch.
    static func finish(_ batch: Int64, _ summary: IngestSummary, in database: Database) throws {
        try BatchTable.recordCounts(
            batch, read: summary.read, accepted: summary.accepted, rejected: summary.rejected,
            replaced: summary.replaced, unchanged: summary.unchanged, in: database)
        if let skipped = summary.skipped {
            try BatchTable.recordTable(
                batch, sheet: summary.sheet ?? "", skipped: skipped, title: summary.title ?? "",
                statedUnit: summary.statedUnit ?? "", statedPeriod: summary.statedPeriod, in: database)
        }
    }

    /// The rejects file's name for an input: `<file name>.rejects.csv`, unless another input of the
    /// same name from another folder was ingested before — then `<file name>.2.rejects.csv` (3, …,
    /// in the order the folders were first seen), so two inputs never share a rejects file. A name
    /// too long for the file system is shortened.
    static func rejectsFileName(fileName: String, sourcePath: String, in database: Database) throws -> String {
        let paths = try BatchTable.sourcePaths(fileName: fileName, in: database)
        let index = paths.firstIndex(of: sourcePath) ?? paths.count
        var stem = fileName
        // NAME_MAX is 255 bytes; leave room for ".99999.rejects.csv" and the staging suffix.
        if stem.utf8.count > 200 {
            while stem.utf8.count > 199 { stem.removeLast() }
            stem += "~"
        }
        return index == 0 ? "\(stem).rejects.csv" : "\(stem).\(index + 1).rejects.csv"
    }
}

/// The reasons rows of one file were refused, for the message when every row was.
struct RejectTally {
    private(set) var counts: [RejectReason: Int] = [:]
    private(set) var firstLine: [RejectReason: Int] = [:]

    mutating func add(_ reason: RejectReason, line: Int) {
        counts[reason, default: 0] += 1
        if firstLine[reason] == nil { firstLine[reason] = line }
    }

    /// The refusal of a file whose `read` records were all rejected (nil when some were accepted
    /// or there were none).
    func refusal(read: Int, accepted: Int, encoding: InputEncoding) -> IngestRefusal? {
        guard read > 0, accepted == 0 else { return nil }
        let ordered = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue }
        let reasons = ordered.map { "\($0.key.rawValue) \($0.value) (first at line \(firstLine[$0.key]!))" }
        var cause = ""
        switch ordered.first?.key {
        case .invalidUTF8 where encoding == .utf8:
            cause = "the file is likely Windows-1258 (Vietnamese Windows): ingest it with --encoding cp1258"
        case .invalidUTF8, .nulByte:
            cause = "the file is likely in another encoding than --encoding \(encoding.rawValue) says"
        case .fieldCount:
            cause = "the rows do not have the header's columns: check the separator and the header line"
        case .recordTooLarge, .unterminatedQuote:
            cause = "a quote opened early in the file is never closed: look at the first line named"
        default:
            cause = "look at the first line named in each case"
        }
        return .everyRecordRejected(read: read, reasons: reasons.joined(separator: ", "), cause: cause)
    }
}
