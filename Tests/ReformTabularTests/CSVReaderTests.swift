import Foundation
import ReformTestSupport
import Testing

@testable import ReformSupport
@testable import ReformTabular

@Suite struct CSVReaderTests {
    /// Every csv-spectrum case except location_coordinates (its JSON disagrees with its CSV upstream).
    @Test(arguments: [
        "comma_in_quotes", "empty", "empty_crlf", "escaped_quotes", "json", "newlines", "newlines_crlf",
        "quotes_and_newlines", "simple", "simple_crlf", "utf8",
    ])
    func conformsToCSVSpectrum(name: String) throws {
        let base = TestPaths.fixtures + "/csv-spectrum"
        let csv = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(base)/csvs/\(name).csv")))
        let json = try Data(contentsOf: URL(fileURLWithPath: "\(base)/json/\(name).json"))
        let expected = try #require(JSONSerialization.jsonObject(with: json) as? [[String: String]])
        let records = try readAll(csv)
        let header = try #require(records.first).fields
        let rows = records.dropFirst().map { record in
            Dictionary(uniqueKeysWithValues: zip(header, record.fields))
        }
        #expect(rows == expected)
        #expect(records.allSatisfy { !$0.unterminated && $0.fields.count == header.count })
    }

    @Test func sameResultWhateverTheChunkSize() throws {
        let text = "id,name\r\n1,\"a,b\"\r\n2,\"multi\nline \"\"quoted\"\"\"\r\n\r\n3,plain\n"
        let path = TestPaths.temporaryFolder() + "/chunks.csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let expected = try readAll(text.bytes).map { "\($0.line):\($0.fields)" }
        for chunk in [16, 17, 19, 23, 64, 1 << 20] {
            var reader = try CSVReader(path: path, chunkSize: chunk)
            var got: [String] = []
            while try reader.nextRecord() {
                got.append("\(reader.line):\((0..<reader.fieldCount).map { reader.string($0) })")
            }
            reader.close()
            #expect(got == expected, "chunk size \(chunk)")
        }
        #expect(
            expected == [
                "1:[\"id\", \"name\"]", "2:[\"1\", \"a,b\"]", "3:[\"2\", \"multi\\nline \\\"quoted\\\"\"]",
                "6:[\"3\", \"plain\"]",
            ])
    }

    @Test func skipsByteOrderMarkOnlyAtStart() throws {
        let records = try readAll([0xEF, 0xBB, 0xBF] + "a,b\n1,2\n".bytes)
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test func physicalLinesCountQuotedNewlinesAndBlankLines() throws {
        let records = try readAll("h\n\n\"x\ny\nz\"\n\nlast".bytes)
        #expect(records.map(\.line) == [1, 3, 7])
        #expect(records.last?.fields == ["last"])
    }

    @Test func flagsUnterminatedQuoteAtEndOfFile() throws {
        let records = try readAll("id,v\n1,ok\n2,\"never closed\n3,x\n".bytes)
        #expect(records.count == 3)
        #expect(records[2].line == 3)
        #expect(records[2].unterminated)
        #expect(records[2].fields.first == "2")
        #expect(!records[1].unterminated)
    }

    @Test func flagsNULBytes() throws {
        let records = try readAll("a,b\n1,x\u{0}y\n2,z\n".bytes)
        #expect(records.map(\.nul) == [false, true, false])
    }

    @Test func keepsTextAfterAClosingQuoteAndQuotesInsideUnquotedFields() throws {
        let records = try readAll("\"ab\"cd,e\"f\n".bytes)
        #expect(records.first?.fields == ["abcd", "e\"f"])
    }

    @Test func emptyFieldsAndTrailingComma() throws {
        let records = try readAll(",,\r\na,,\r\n".bytes)
        #expect(records.map(\.fields) == [["", "", ""], ["a", "", ""]])
    }

    @Test func emptyInputHasNoRecords() throws {
        #expect(try readAll([]).isEmpty)
        #expect(try readAll([0xEF, 0xBB, 0xBF]).isEmpty)
        #expect(try readAll("\n\r\n\n".bytes).isEmpty)
    }

    @Test func longFieldLargerThanTheChunk() throws {
        let long = String(repeating: "x", count: 100_000)
        let path = TestPaths.temporaryFolder() + "/long.csv"
        try Data("a,b\n1,\"\(long)\"\n2,y\n".utf8).write(to: URL(fileURLWithPath: path))
        var reader = try CSVReader(path: path, chunkSize: 64)
        var lengths: [Int] = []
        while try reader.nextRecord() { lengths.append(reader.field(1).count) }
        #expect(lengths == [1, 100_000, 1])
    }

    /// A small file by column name: a field past the header has no name, a short record lacks the
    /// names it does not reach, a header alone gives no record.
    @Test func recordsByNameFollowTheHeader() throws {
        let folder = TestPaths.temporaryFolder()
        try AtomicFile.write(
            Array("code,name\n001,\"Ba Đình, Hà Nội\"\n002\n003,Tây Hồ,extra\n".utf8), to: folder + "/a.csv")
        #expect(
            try CSVReader.recordsByName(path: folder + "/a.csv") == [
                ["code": "001", "name": "Ba Đình, Hà Nội"], ["code": "002"], ["code": "003", "name": "Tây Hồ"],
            ])
        try AtomicFile.write(Array("code,name\n".utf8), to: folder + "/b.csv")
        #expect(try CSVReader.recordsByName(path: folder + "/b.csv").isEmpty)
    }
}

@Suite struct CSVReaderRecordBoundTests {
    /// Reads `text` from a file with the given bound and chunk size: (line, span, tooLarge, fields).
    func records(_ text: String, bound: Int, chunk: Int) throws -> [String] {
        let path = TestPaths.temporaryFolder() + "/bound-\(chunk).csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var reader = try CSVReader(path: path, chunkSize: chunk)
        reader.maxRecordBytes = bound
        defer { reader.close() }
        var got: [String] = []
        while try reader.nextRecord() {
            let fields = (0..<reader.fieldCount).map { reader.string($0) }.joined(separator: "|")
            got.append("\(reader.line)+\(reader.lineSpan)\(reader.isTooLarge ? " too large" : ""): \(fields)")
        }
        return got
    }

    @Test func aStrayQuoteCostsOneBoundedRecordNotTheRestOfTheFile() throws {
        // A stray quote opens a quoted field that would run to the end of the file.
        var text = "id,name,phone\n\"X1,Nguyễn Văn A,0912345678\n"
        for n in 2...40 { text += "X\(n),Name \(n),09000000\(n)\n" }
        let expectedTail = (2...40).map { "\($0 + 1)+1: X\($0)|Name \($0)|09000000\($0)" }
        for chunk in [16, 37, 64, 4096] {
            let got = try records(text, bound: 100, chunk: chunk)
            #expect(got.first == "1+1: id|name|phone", "chunk \(chunk)")
            // The broken record spans the lines up to the bound, then ends at the next line feed.
            let broken = got[1]
            #expect(broken.hasSuffix("too large: "), "chunk \(chunk)")
            let resumedAt = got.firstIndex { !$0.contains("too large") && $0 != got[0] }!
            #expect(Array(got[resumedAt...]) == Array(expectedTail.suffix(got.count - resumedAt)), "chunk \(chunk)")
            #expect(got.count - resumedAt >= 30, "chunk \(chunk)")
        }
        // The outcome does not depend on the chunk size.
        let reference = try records(text, bound: 100, chunk: 4096)
        for chunk in [16, 17, 64, 1 << 16] { #expect(try records(text, bound: 100, chunk: chunk) == reference) }
    }

    @Test func aLongLineWithoutLineFeedIsSkippedInBoundedMemory() throws {
        let long = String(repeating: "a", count: 5000)
        let text = "h1,h2\n1,2\n\(long)\n3,4\n\(long)"
        let got = try records(text, bound: 1000, chunk: 64)
        #expect(got == ["1+1: h1|h2", "2+1: 1|2", "3+1 too large: ", "4+1: 3|4", "5+1 too large: "])
    }

    @Test func recordsAtTheBoundAreKept() throws {
        let field = String(repeating: "b", count: 98)
        #expect(try records("a\n\(field)ok\n", bound: 100, chunk: 16) == ["1+1: a", "2+1: \(field)ok"])
        #expect(try records("a\n\(field)ok!\n", bound: 100, chunk: 16) == ["1+1: a", "2+1 too large: "])
    }
}
