import ReformModel
import ReformSupport

/// Files an ingest refused whole, with why (docs/contract.md §8): kept so that every later report
/// and provenance file lists them until the same path is read.
public enum RefusedFileTable {
    /// One refused file.
    public struct Refusal: Sendable, Equatable {
        /// The file's name as shown (masked like any text from the file).
        public var fileName: String
        public var kind: String
        public var sha256: String
        /// Why it was refused, masked.
        public var reason: String

        public init(fileName: String, kind: String, sha256: String, reason: String) {
            (self.fileName, self.kind, self.sha256, self.reason) = (fileName, kind, sha256, reason)
        }
    }

    /// Records that the file at `sourcePath` (absolute) was refused as `kind`, replacing an earlier
    /// refusal of the same path and kind.
    public static func record(
        _ refusal: Refusal, sourcePath: String, refusedAt: String, in database: Database
    ) throws {
        try database.prepare(
            """
            INSERT OR REPLACE INTO refused_file(source_path, kind, file_name, sha256, reason, refused_at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            """
        ).run([
            .text(sourcePath), .text(refusal.kind), .text(refusal.fileName), .text(refusal.sha256),
            .text(refusal.reason), .text(refusedAt),
        ])
    }

    /// Forgets the refusals of `sourcePath`: the file has since been read (as any kind — a file
    /// first given with the wrong `--kind` and then the right one is no refused input).
    public static func clear(sourcePath: String, in database: Database) throws {
        try database.prepare("DELETE FROM refused_file WHERE source_path = ?1").run([.text(sourcePath)])
    }

    /// Every standing refusal, by file name, kind and path (the same bytes every run).
    public static func all(in database: Database) throws -> [Refusal] {
        var refusals: [Refusal] = []
        try database.prepare(
            "SELECT file_name, kind, sha256, reason FROM refused_file ORDER BY file_name, kind, source_path"
        ).forEachRow { r in
            refusals.append(
                Refusal(
                    fileName: PersonalData.maskedFileName(r.text("file_name")), kind: r.text("kind"),
                    sha256: r.text("sha256"), reason: r.text("reason")))
        }
        return refusals
    }
}
