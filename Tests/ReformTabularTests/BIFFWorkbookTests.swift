import Foundation
import ReformTestSupport
import Testing

@testable import ReformSupport
@testable import ReformTabular

/// Legacy .xls (BIFF8 in a compound file) read back against xlrd on workbooks written by xlwt, and
/// damaged or hostile files refused by name.
@Suite(.requires(.pythonModule("xlwt"), .pythonModule("xlrd")))
struct BIFFWorkbookTests {
    static let script = TestPaths.root + "/Tests/Oracle/legacy_xls.py"

    /// Runs the helper script.
    @discardableResult
    static func python(_ arguments: [String]) throws -> String {
        expectRequirements(.pythonModule("xlwt"), .pythonModule("xlrd"))
        let run = try ProcessRunner.runExecutable("/usr/bin/env", ["python3", script] + arguments)
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    /// Every row of a sheet as our reader gives it (tab-separated, trailing empty cells dropped).
    static func rows(_ path: String, sheet: String? = nil) throws -> [String] {
        let workbook = try BIFFWorkbook(path: path)
        let reader = try workbook.open(try workbook.sheet(sheet))
        var row = GridRow()
        var lines: [String] = []
        var expected = 1
        while try reader.nextRow(&row) {
            // xlrd lists the empty rows between: so do we, for the comparison.
            while expected < row.number {
                lines.append("")
                expected += 1
            }
            row.trimTrailingEmpty()
            lines.append(
                (0..<row.count).map { row.string($0).replacingOccurrences(of: "\n", with: "\\n") }
                    .joined(separator: "\t"))
            expected += 1
        }
        return lines
    }

    /// Dates as xlrd prints them in the dump (dd/mm/yyyy hh:mm:ss), from ours (yyyy-MM-dd HH:mm:ss).
    static func xlrdDates(_ line: String) -> String {
        line.split(separator: "\t", omittingEmptySubsequences: false).map { cell -> String in
            let text = String(cell)
            guard text.count == 19, text.dropFirst(4).first == "-", text.dropFirst(10).first == " " else { return text }
            let y = text.prefix(4), m = text.dropFirst(5).prefix(2), d = text.dropFirst(8).prefix(2)
            return "\(d)/\(m)/\(y) " + text.suffix(8)
        }.joined(separator: "\t")
    }

    @Test func everyCellKindReadsAsXlrdReadsIt() throws {
        let path = TestPaths.temporaryFolder() + "/cells.xls"
        try Self.python(["cells", path])
        let theirs = try Self.python(["dump", path]).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init).dropLast()
        let ours = try Self.rows(path).map(Self.xlrdDates)
        #expect(ours.count == theirs.count)
        for (index, (a, b)) in zip(ours, theirs).enumerated() {
            // xlwt stores no cached formula results (xlrd shows them empty); ours reads the zero it
            // leaves as a number. The kind column still agrees.
            if b.hasPrefix("formula") { continue }
            // xlrd gives a number without its format; ours applies a `000` format, as Excel shows it.
            if b == "code\t1" {
                #expect(a == "code\t001")
                continue
            }
            #expect(a == b, "row \(index + 1)")
        }
        let workbook = try BIFFWorkbook(path: path)
        #expect(workbook.sheets.map(\.name) == ["Ô"])
        // A code with the format 000 reads as the workbook shows it.
        #expect(ours.contains("code\t001"))
        let merges = try workbook.open(workbook.sheets[0]).merges()
        #expect(merges == [CellRange(firstRow: 22, firstColumn: 0, lastRow: 22, lastColumn: 3)])
    }

    @Test func aDossierExportAsAnXlsWorkbookHoldsTheCSVsValues() throws {
        let folder = TestPaths.temporaryFolder()
        for system in ["1900", "1904"] {
            let path = folder + "/export-\(system).xls"
            try Self.python(
                ["export", TestPaths.root + "/SampleData/exports/2025-01_vnpt.csv", path]
                    + (system == "1904" ? ["--1904"] : []))
            let theirs = try Self.python(["dump", path]).split(separator: "\n").map(String.init)
            let ours = try Self.rows(path).filter { !$0.isEmpty }.map(Self.xlrdDates)
            #expect(ours == theirs, "\(system)")
            let workbook = try BIFFWorkbook(path: path)
            #expect(workbook.date1904 == (system == "1904"))
            #expect(workbook.sheets.map(\.name) == ["Danh sách hồ sơ", "Ghi chú"])
        }
    }

    @Test func damagedAndHostileFilesAreRefusedByName() throws {
        let path = TestPaths.temporaryFolder() + "/units.xls"
        try Self.python(["units", path])
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        func refusal(_ bytes: [UInt8]) -> String? {
            do {
                let workbook = try BIFFWorkbook(bytes: bytes)
                let reader = try workbook.open(workbook.sheets[0])
                var row = GridRow()
                while try reader.nextRow(&row) {}
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal(good) == nil)
        // Cut short: the compound file's chains point past its end.
        #expect(refusal(Array(good.prefix(good.count / 2)))?.contains("damaged") == true)
        #expect(refusal(Array(good.prefix(100)))?.contains("no compound-file header") == true)
        // A FAT whose chains loop: every FAT entry points at sector 0.
        var looped = good
        let fatSector = Int(CompoundFile.u32(good, 76))
        let sectorSize = 512
        for index in 0..<(sectorSize / 4) {
            let at = sectorSize * (fatSector + 1) + 4 * index
            looped.replaceSubrange(at..<(at + 4), with: [0, 0, 0, 0])
        }
        #expect(refusal(looped)?.contains("damaged") == true)
        // Sector sizes that no compound file uses.
        var odd = good
        odd[30] = 20
        #expect(refusal(odd)?.contains("sector sizes") == true)
    }

    @Test func anEncryptedWorkbookIsRefusedByName() throws {
        // The globals' FILEPASS record: a workbook saved with a password to open.
        let path = TestPaths.temporaryFolder() + "/units.xls"
        try Self.python(["units", path])
        let compound = try CompoundFile(path: path)
        var stream = try #require(try compound.stream(named: "Workbook"))
        // Replace the record after BOF (whatever it is) by a FILEPASS of the same length.
        let bofLength = Int(CompoundFile.u16(stream, 2))
        let at = 4 + bofLength
        stream[at] = 0x2F
        stream[at + 1] = 0x00
        var cursor = BIFFCursor(stream: stream, offset: 0)
        var sawFilePass = false
        while !sawFilePass, let record = try cursor.next() { sawFilePass = record.type == BIFFRecordType.filePass }
        #expect(sawFilePass)
        #expect(throws: WorkbookError.encryptedWorkbook) { try BIFFWorkbook(stream: stream) }
    }

    @Test func aForgedStringCountCostsNothing() throws {
        // An SST declaring four billion strings in a few bytes: bounded by what the bytes can hold.
        var sst: [UInt8] = [0xFC, 0x00, 13, 0, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]
        sst += [2, 0, 0, 0x41, 0x42]  // one string "AB"
        let (bytes, ends) = try BIFFWorkbook.sharedStrings(stream: sst, pieces: [4..<sst.count])
        #expect(String(decoding: bytes, as: UTF8.self) == "AB" && ends == [2])
    }

    @Test func stringsContinueAcrossRecordsWithTheirOwnFlag() throws {
        // "ÂB" + "Ợ": the first piece 8-bit, the second (after a CONTINUE) 16-bit, flagged.
        let stream: [UInt8] = [
            0xFC, 0x00, 11, 0, 1, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0xC2, 0x42,
            0x3C, 0x00, 3, 0, 1, 0xE2, 0x1E,
        ]
        let (bytes, ends) = try BIFFWorkbook.sharedStrings(stream: stream, pieces: [4..<17, 21..<24])
        #expect(String(decoding: bytes, as: UTF8.self) == "ÂBỢ" && ends.count == 1)
    }

    /// A BIFF record: type, length, data.
    static func record(_ type: UInt16, _ data: [UInt8]) -> [UInt8] {
        [UInt8(type & 0xFF), UInt8(type >> 8), UInt8(data.count & 0xFF), UInt8(data.count >> 8)] + data
    }

    static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }

    @Test func excel95TextIsReadInTheWorkbooksCodePage() throws {
        // No tool here writes BIFF5 any more: the stream is made by hand. Windows-1258 spells "Hà Nội"
        // with a combining dot below; the sheet name is 8-bit too.
        func stream(codePage: Int, name: [UInt8], label: [UInt8]) -> [UInt8] {
            let bof = Self.record(0x0809, Self.le16(0x0500) + Self.le16(0x0005) + [0, 0, 0, 0])
            let codePageRecord = Self.record(0x0042, Self.le16(codePage))
            func boundSheet(_ offset: Int) -> [UInt8] {
                Self.record(
                    0x0085,
                    [
                        UInt8(offset & 0xFF), UInt8(offset >> 8 & 0xFF), UInt8(offset >> 16 & 0xFF), 0, 0, 0,
                        UInt8(name.count),
                    ] + name)
            }
            let eof = Self.record(0x000A, [])
            let globals = bof + codePageRecord + boundSheet(0) + eof
            var sheet = Self.record(0x0809, Self.le16(0x0500) + Self.le16(0x0010) + [0, 0, 0, 0])
            sheet += Self.record(0x0204, Self.le16(0) + Self.le16(0) + Self.le16(0) + Self.le16(label.count) + label)
            var number = Self.le16(0) + Self.le16(1) + Self.le16(0)
            withUnsafeBytes(of: (95.5).bitPattern.littleEndian) { number += $0 }
            sheet += Self.record(0x0203, number) + eof
            return bof + codePageRecord + boundSheet(globals.count) + eof + sheet
        }
        let vietnamese = try BIFFWorkbook(
            stream: stream(codePage: 1258, name: [0x53, 0xF4], label: [0x48, 0xE0, 0x20, 0x4E, 0xF4, 0xF2, 0x69]))
        #expect(vietnamese.sheets.map(\.name) == ["Sô"])
        var row = GridRow()
        let reader = try vietnamese.open(vietnamese.sheets[0])
        #expect(try reader.nextRow(&row))
        #expect(row.string(0) == "Hà Nội" && row.string(1) == "95.5")
        let western = try BIFFWorkbook(stream: stream(codePage: 1252, name: [0x53], label: [0x43, 0x61, 0x66, 0xE9]))
        let westernReader = try western.open(western.sheets[0])
        #expect(try westernReader.nextRow(&row) && row.string(0) == "Café")
        // Excel 2.1–4.0 is named, not misread.
        #expect(throws: WorkbookError.legacyVersion("Excel 2.1–4.0")) {
            try BIFFWorkbook(stream: Self.record(0x0409, Self.le16(0) + Self.le16(0x10)))
        }
    }

    @Test func aLegacyFileLargerThanAnyExportIsRefusedUnread() throws {
        // A sparse file: the signature, then 257 MiB of nothing on disk.
        let path = TestPaths.temporaryFolder() + "/huge.xls"
        FileManager.default.createFile(atPath: path, contents: Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(CompoundFile.maxBytes) + (1 << 20))
        try handle.close()
        #expect(throws: WorkbookError.legacyTooLarge(limit: CompoundFile.maxBytes)) { try BIFFWorkbook(path: path) }
    }
}
