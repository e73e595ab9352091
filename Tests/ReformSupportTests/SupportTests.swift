import Foundation
import ReformTestSupport
import SHA256Hardware
import Testing

@testable import ReformSupport

@Suite struct SHA256Tests {
    /// Both implementations: the CPU's SHA instructions (where present) and portable Swift.
    @Test(arguments: [true, false]) func knownVectors(hardware: Bool) {
        func hex(_ s: String) -> String {
            var h = SHA256()
            h.usesHardware = hardware && SHA256Hardware.isAvailable
            h.update(Array(s.utf8))
            return h.finalizeHex()
        }
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            hex(String(repeating: "a", count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// The SHA instructions and the portable code agree on every length 0…300 (each padding case
    /// and several blocks at once) and on a 1 MB input fed in uneven pieces.
    @Test(.enabled(if: SHA256Hardware.isAvailable, "this CPU has no SHA instructions"))
    func hardwareAgreesWithPortable() throws {
        var random = SystemRandomNumberGenerator()
        let data = (0..<1_000_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        for length in Array(0...300) + [1_000_000] {
            var hardware = SHA256(), portable = SHA256()
            portable.usesHardware = false
            var offset = 0, piece = 1
            while offset < length {
                let end = min(length, offset + piece)
                hardware.update(data[offset..<end])
                portable.update(data[offset..<end])
                offset = end
                piece = piece * 3 + 17
            }
            #expect(hardware.finalizeHex() == portable.finalizeHex(), "length \(length)")
        }
    }

    @Test func streamingInPiecesEqualsOneShot() {
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        var whole = SHA256()
        whole.update(data)
        var pieces = SHA256()
        var i = 0
        for size in [1, 63, 64, 65, 3, 200, 604] {
            pieces.update(data[i..<i + size])
            i += size
        }
        #expect(whole.finalizeHex() == pieces.finalizeHex())
    }

    @Test func fileDigestMatchesSha256sum() throws {
        let path = TestPaths.temporaryFolder() + "/f.bin"
        try Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 % 251) }).write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let expected = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
        #expect(try SHA256.hexDigest(ofFile: path) == String(expected))
    }
}

@Suite struct UTF8ValidationTests {
    @Test func acceptsWellFormed() {
        #expect(UTF8Validation.isValid(Array("Hà Nội – 𝔸".utf8)))
        #expect(UTF8Validation.isValid([UInt8]()))
    }

    @Test func rejectsMalformed() {
        let bad: [[UInt8]] = [
            [0xC0, 0xAF],  // overlong
            [0xE0, 0x80, 0xAF],  // overlong
            [0xED, 0xA0, 0x80],  // surrogate
            [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
            [0xC3],  // truncated
            [0x80],  // lone continuation
            [0xE0, 0xA0, 0x41],  // bad continuation
            Array("Ph".utf8) + [0xF0, 0x20],  // Windows-1258 style byte
        ]
        for bytes in bad { #expect(!UTF8Validation.isValid(bytes), "\(bytes)") }
    }

    /// Every two-byte sequence, and three- and four-byte ones over every lead from E0 and every
    /// second byte (the later bytes from the boundary values) are judged
    /// as Swift's own decoder judges them, each alone and behind seven ASCII bytes.
    @Test func everyShortSequenceAgreesWithTheDecoder() {
        let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xF4, 0xFF]
        var sequences: [[UInt8]] = []
        for a in 0...255 { for b in 0...255 { sequences.append([UInt8(a), UInt8(b)]) } }
        for a in 0xE0...0xFF {
            for b in 0...255 { for c in edges { sequences.append([UInt8(a), UInt8(b), c]) } }
        }
        for a in 0xF0...0xFF {
            for b in 0...255 { for c in edges { for d in edges { sequences.append([UInt8(a), UInt8(b), c, d]) } } }
        }
        var disagreements = 0
        for bytes in sequences {
            let expected = String(validating: bytes, as: UTF8.self) != nil
            if UTF8Validation.isValid(bytes) != expected { disagreements += 1 }
            if UTF8Validation.isValid(Array("ABCDEFG".utf8) + bytes) != expected { disagreements += 1 }
        }
        #expect(disagreements == 0)
    }

    /// The word-at-a-time path (and non-contiguous input) agrees with Swift's own UTF-8 decoding,
    /// on ASCII runs of every length around a multi-byte or broken sequence at every offset.
    @Test func fastPathAgreesWithTheDecoder() {
        var random = SeededRandom(seed: 42)
        let pieces: [[UInt8]] = [
            Array("ệ".utf8), Array("𝔸".utf8), [0xC3], [0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xE0, 0xA0],
        ]
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.int(0...3) {
                bytes += [UInt8](repeating: 0x41, count: random.int(0...17))
                bytes += pieces[random.int(0...(pieces.count - 1))]
            }
            bytes += [UInt8](repeating: 0x42, count: random.int(0...9))
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(UTF8Validation.isValid(bytes) == expected, "\(bytes)")
            #expect(UTF8Validation.isValid(bytes.lazy.map { $0 }) == expected, "\(bytes)")
            #expect(UTF8Validation.isValid(bytes[...]) == expected)
        }
    }
}

@Suite struct ByteTableTests {
    @Test func equalBytesFindTheSameEntryWhereverTheyLie() {
        let name = Array("Phường Ba Đình".utf8)
        let buffer = Array("xx ".utf8) + name + Array(" yy ".utf8) + name
        let first = buffer[3..<(3 + name.count)], second = buffer[(buffer.count - name.count)...]
        #expect(Array(first) == Array(second))
        var table = ByteTable<Int>()
        table.append(first, 1)
        #expect(table.value(for: second) == 1)
        table.append(buffer[0..<2], 2)
        #expect(table.value(for: buffer[0..<3]) == nil && table.value(for: ArraySlice("xx".utf8)) == 2)
        table.append(buffer[0..<0], 3)
        #expect(table.value(for: ArraySlice([])) == 3)
    }

    /// Thousands of keys (the table grows and re-places them many times), keys that are prefixes
    /// of one another and differ only past the eighth byte: every key finds its own value, and
    /// none that was never added is found.
    @Test func everyKeyFindsItsValueAcrossGrowth() {
        var table = ByteTable<Int>()
        let keys =
            (0..<5_000).map { Array("000.00.12.H26-\($0)".utf8) } + (0..<40).map { Array(repeating: 0x41, count: $0) }
        for (value, key) in keys.enumerated() { table.append(key[...], value) }
        #expect(table.count == keys.count)
        for (value, key) in keys.enumerated() { #expect(table.value(for: key[...]) == value) }
        for absent in ["000.00.12.H26-5000", "000.00.12.H26-", "B"] {
            #expect(table.value(for: ArraySlice(absent.utf8)) == nil)
        }
        let index = keys[7].withUnsafeBytes { table.index(of: $0) }!
        table[index] = -7
        #expect(table.value(for: keys[7][...]) == -7)
    }
}

@Suite struct AtomicFileTests {
    @Test func writesAndReplacesWithoutLeftovers() throws {
        let folder = TestPaths.temporaryFolder() + "/a/b"
        let path = folder + "/out.csv"
        try AtomicFile.write("first", to: path)
        try AtomicFile.write("second", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.csv"])
    }
}

/// A staged output folder leaves a live process's staging alone and clears a dead one's.
@Suite struct StagedFolderTests {
    @Test func onlyAbandonedStagingIsRemoved() throws {
        let work = TestPaths.temporaryFolder()
        // A process that has ended (its pid is free) and one that runs (this test's parent).
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let dead = work + "/.2025-01.staged-\(ended.processIdentifier)"
        let live = work + "/.2025-01.staged-\(getppid())"
        let deadAside = work + "/.2025-01.staged-old-\(ended.processIdentifier)"
        for folder in [dead, live, deadAside] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: folder + "/bieu06.xlsx", contents: Data([1]))
        }
        let staged = try StagedFolder(path: work + "/2025-01")
        try staged.write("x", name: "report.html")
        try staged.commit()
        #expect(!FileManager.default.fileExists(atPath: dead) && !FileManager.default.fileExists(atPath: deadAside))
        #expect(FileManager.default.fileExists(atPath: live + "/bieu06.xlsx"))
        #expect(StagedFolder.ownerIsAlive("\(getppid())") && !StagedFolder.ownerIsAlive("x"))
    }
}
