import Foundation
import ReformTestSupport
import Testing

@testable import ReformIngest
@testable import ReformModel
@testable import ReformStore
@testable import ReformSupport
@testable import ReformTabular

@Suite struct DossierIngesterTests {
    let folder = TestPaths.temporaryFolder()

    func write(_ name: String, _ text: String) throws -> String {
        let path = folder + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func open() throws -> (Database, DossierIngester) {
        let database = try Schema.open(path: folder + "/db/reform.sqlite")
        return (database, DossierIngester(database: database, rejectsFolder: folder + "/rejects"))
    }

    static let header =
        "Mã hồ sơ,Mã thủ tục,Mã đơn vị,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,Số điện thoại\r\n"

    @Test func newestRowWinsAndReplacedVersionsAreKept() throws {
        let (database, ingester) = try open()
        let first = try write(
            "2025-01.csv",
            Self.header + "A,P,001,Ba Đình,02/01/2025,10/01/2025,,Đang xử lý,0900000001\r\n"
                + "B,P,001,Ba Đình,03/01/2025,10/01/2025,,,0900000002\r\n")
        let s1 = try ingester.ingest(path: first)
        #expect(s1.line == "file=2025-01.csv read=2 accepted=2 rejected=0 replaced=0 unchanged=0")
        // Columns in another order and other spellings of the same values: B is unchanged, A resolved.
        let second = try write(
            "2025-02.csv",
            "Ngày nhận,Mã TTHC,Số hồ sơ,Mã cơ quan thụ lý,Hạn xử lý,Ngày hoàn thành,Trạng thái\n"
                + "2025-01-03,P,B,001,2025-01-10,,pending\n"
                + "2025-01-02,P,A,001,2025-01-10,2025-02-03,resolved\n"
                + "2025-01-02,P,A,001,2025-01-10,2025-02-04,resolved\n"
                + "bad,P,C,001,,,\n")
        let s2 = try ingester.ingest(path: second)
        #expect(s2.line == "file=2025-02.csv read=4 accepted=3 rejected=1 replaced=2 unchanged=1")
        #expect(try database.scalarInt("SELECT COUNT(*) FROM dossier") == 2)
        #expect(try database.scalarInt("SELECT status FROM dossier WHERE dossier_id = 'A'") == 1)
        #expect(try database.scalarInt("SELECT line FROM dossier WHERE dossier_id = 'A'") == 4)
        // Two earlier versions of A: the pending one (batch 1) and the 03/02 completion (batch 2, line 3).
        let versions = try database.prepare(
            "SELECT batch_id, line, status, replaced_by_batch, replaced_by_line FROM dossier_version WHERE dossier_id = 'A' ORDER BY rowid"
        )
        var rows: [[Int]] = []
        let names = ["batch_id", "line", "status", "replaced_by_batch", "replaced_by_line"]
        try versions.forEachRow { row in rows.append(names.map { row.int($0) }) }
        #expect(rows == [[1, 2, 5, 2, 3], [2, 3, 1, 2, 4]])
        let rejects = try Data(contentsOf: URL(fileURLWithPath: folder + "/rejects/2025-02.csv.rejects.csv"))
        #expect(rejects == Data("\u{FEFF}line,reason,column,dossier_id\r\n5,bad_date,Ngày nhận,C\r\n".utf8))
    }

    /// Rows are written in key order a buffer at a time; what ends up stored must not depend on
    /// the buffer's size. Two exports with ids repeated within and across files (changed and
    /// identical rows, new units appearing late) are ingested with buffers of 1 (file order),
    /// 7 and 64 rows and the default: every summary and table agrees.
    @Test func storedResultDoesNotDependOnTheWriteBuffer() throws {
        var random = SeededRandom(seed: 61)
        func export(rows: Int, day: Int) -> String {
            var text = Self.header
            for _ in 0..<rows {
                let id = "\(["X", "A", "m"][random.int(0...2)])\(random.int(0...89))"
                let unit = String(format: "%03d", random.int(0...11) + (day > 1 ? 5 : 0))
                let status = ["Đang xử lý", "Đã trả kết quả", ""][random.int(0...2)]
                let done = status == "Đã trả kết quả" ? "0\(day + 2)/02/2025" : ""
                text +=
                    "\(id),P\(random.int(0...3)),\(unit),Đơn vị \(unit),0\(day)/01/2025,10/02/2025,\(done),\(status),\n"
            }
            return text
        }
        let files = try [export(rows: 300, day: 1), export(rows: 300, day: 2)].enumerated().map {
            try write("2025-0\($0.offset + 1).csv", $0.element)
        }
        func run(rowsPerWrite: Int) throws -> [String] {
            let folder = self.folder + "/buffer-\(rowsPerWrite)"
            let database = try Schema.open(path: folder + "/reform.sqlite")
            var ingester = DossierIngester(database: database, rejectsFolder: folder + "/rejects")
            ingester.rowsPerWrite = rowsPerWrite
            var dump = try files.map { try ingester.ingest(path: $0).line }
            for query in [
                "SELECT dossier_id, batch_id, line, \(DossierStore.columns) FROM dossier ORDER BY dossier_id",
                "SELECT dossier_id, batch_id, line, replaced_by_batch, replaced_by_line, \(DossierStore.columns) FROM dossier_version ORDER BY dossier_id, replaced_by_batch, replaced_by_line",
                "SELECT id, code, name FROM unit ORDER BY id", "SELECT id, code, name FROM procedure ORDER BY id",
            ] {
                let statement = try database.prepare(query)
                try statement.forEachRow { row in
                    dump.append(
                        row.wholeRow.map { $0 ?? "∅" }.joined(separator: "|"))
                }
            }
            return dump
        }
        let reference = try run(rowsPerWrite: 1)
        #expect(reference.contains { $0.hasPrefix("file=2025-02.csv") && !$0.contains("replaced=0 ") })
        #expect(reference.contains { $0.hasPrefix("file=2025-02.csv") && !$0.contains("unchanged=0") })
        for size in [7, 64, DossierStore.defaultRowsPerWrite] {
            #expect(try run(rowsPerWrite: size) == reference, "buffer of \(size) rows")
        }
    }

    @Test func sameFileTwiceChangesNothing() throws {
        let (database, ingester) = try open()
        let path = try write("x.csv", Self.header + "A,P,001,,02/01/2025,,,,\r\n")
        _ = try ingester.ingest(path: path)
        let again = try ingester.ingest(path: path)
        #expect(again.alreadyIngested)
        #expect(again.line == "file=x.csv already ingested (sha256 \(try SHA256.hexDigest(ofFile: path)))")
        #expect(try database.scalarInt("SELECT COUNT(*) FROM batch") == 1)
    }

    /// Large files are hashed beside the ingest once their fingerprint (size, first and last MiB) is
    /// new; a file differing from an ingested one only in the middle is still recognised as new, and
    /// the same bytes under another name as already ingested.
    @Test func fingerprintThenFullHash() throws {
        let (database, ingester) = try open()
        func export(middle: String) -> String {
            var text = Self.header
            for index in 0..<30_000 {
                let id = index == 15_000 ? middle : "D\(index)"
                text += "\(id),P,001,Ba Đình,02/01/2025,10/01/2025,,Đang xử lý,0900000001\r\n"
            }
            return text
        }
        let first = try write("a.csv", export(middle: "M1")), second = try write("b.csv", export(middle: "M2"))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: first)[.size] as? Int)
        #expect(size > 2 * FileFingerprint.span)
        let fingerprints = (
            try FileFingerprint.of(path: first, size: size), try FileFingerprint.of(path: second, size: size)
        )
        #expect(fingerprints.0 == fingerprints.1)
        let a = try ingester.ingest(path: first)
        let digest = try SHA256.hexDigest(ofFile: first)
        #expect(a.accepted == 30_000 && a.sha256 == digest)
        let b = try ingester.ingest(path: second)
        #expect(!b.alreadyIngested && b.accepted == 30_000 && b.unchanged == 29_999)
        let copy = try write("a-again.csv", export(middle: "M1"))
        #expect(try ingester.ingest(path: copy).alreadyIngested)
        #expect(try database.scalarInt("SELECT COUNT(*) FROM batch WHERE sha256 LIKE 'pending%'") == 0)
    }

    @Test func refusedFilesStoreNothing() throws {
        let (database, ingester) = try open()
        let cases: [(String, [UInt8], IngestRefusal)] = [
            ("empty.csv", [], .emptyFile),
            ("bom-only.csv", [0xEF, 0xBB, 0xBF, 0x0D, 0x0A], .emptyFile),
            ("nocol.csv", Array("Mã hồ sơ,Mã thủ tục,Mã đơn vị\nA,P,001\n".utf8), .missingColumn(.receivedAt)),
            ("utf16.csv", [0xFF, 0xFE, 0x4D, 0x00, 0x61, 0x00], .utf16),
            (
                "cp1258.csv", Array("M".utf8) + [0xE3] + Array(" h".utf8) + [0xD2, 0x20] + Array("s\n".utf8),
                .notUTF8(line: 1)
            ),
        ]
        for (name, bytes, refusal) in cases {
            let path = folder + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(throws: refusal) { try ingester.ingest(path: path) }
            #expect(!FileManager.default.fileExists(atPath: folder + "/rejects/\(name).rejects.csv"))
        }
        #expect(try database.scalarInt("SELECT COUNT(*) FROM batch") == 0)
        #expect(try database.scalarInt("SELECT COUNT(*) FROM dossier") == 0)
    }

    @Test func headerOnlyFileIsZeroRecords() throws {
        let (_, ingester) = try open()
        let summary = try ingester.ingest(path: try write("h.csv", Self.header))
        #expect(summary.line == "file=h.csv read=0 accepted=0 rejected=0 replaced=0 unchanged=0")
    }

    @Test func personalDataNeverReachesTheDatabaseOrRejects() throws {
        let (database, ingester) = try open()
        let path = try write(
            "p.csv",
            "Mã hồ sơ,Chủ hồ sơ,Mã thủ tục,Mã đơn vị,Ngày tiếp nhận,Địa chỉ,Số điện thoại,CCCD,Email\n"
                + "A,Phạm Thị Riêng,P,001,02/01/2025,12 Phố Bí Mật,0987654321,001199000123,rieng@example.vn\n"
                + "B,Phạm Thị Riêng,P,001,bad,12 Phố Bí Mật,0987654321,001199000123,rieng@example.vn\n")
        _ = try ingester.ingest(path: path)
        database.checkpoint()
        var stored = try Data(contentsOf: URL(fileURLWithPath: folder + "/db/reform.sqlite"))
        stored += try Data(contentsOf: URL(fileURLWithPath: folder + "/rejects/p.csv.rejects.csv"))
        for secret in ["Phạm Thị Riêng", "Bí Mật", "0987654321", "001199000123", "rieng@example.vn"] {
            #expect(stored.range(of: Data(secret.utf8)) == nil, "\(secret)")
        }
    }

    @Test func unitNameFollowsTheNewestNonEmptySpelling() throws {
        let (database, ingester) = try open()
        _ = try ingester.ingest(path: try write("1.csv", Self.header + "A,P,001,Quận Ba Đình,02/01/2025,,,,\r\n"))
        _ = try ingester.ingest(path: try write("2.csv", Self.header + "B,P,001,,02/01/2025,,,,\r\n"))
        #expect(try database.scalarText("SELECT name FROM unit WHERE code = '001'") == "Quận Ba Đình")
    }
}
