import ReformTestSupport
import Testing

@testable import ReformSupport
@testable import ReformTabular

@Suite struct CSVWriterTests {
    @Test func writesBOMCRLFAndQuotes() {
        var writer = CSVWriter(header: ["a", "b"])
        writer.writeRow([.text("x,y"), .text("say \"hi\"\nthere")])
        writer.writeRow([.number("96.50"), .empty])
        let text = String(decoding: writer.bytes.dropFirst(3), as: UTF8.self)
        #expect(Array(writer.bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(text == "a,b\r\n\"x,y\",\"say \"\"hi\"\"\nthere\"\r\n96.50,\r\n")
    }

    @Test func guardsFormulasInTextButNotNumbers() {
        var writer = CSVWriter(header: ["v"])
        for value in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "plain"] {
            writer.writeRow([.text(value)])
        }
        writer.writeRow([.number("-5")])
        let lines = String(decoding: writer.bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines[1] == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(lines[2] == "'+1")
        #expect(lines[3] == "'-2")
        #expect(lines[4] == "'@SUM(A1)")
        #expect(lines[5] == "'\tx")
        #expect(lines[6] == "\"'\rx\"")
        #expect(lines[7] == "plain")
        #expect(lines[8] == "-5")
    }

    @Test func roundTripsThroughTheReader() throws {
        var writer = CSVWriter(header: ["k", "v"])
        let values = ["", "a\"b", "line1\r\nline2", "Trực tuyến, Hà Nội"]
        for (i, v) in values.enumerated() { writer.writeRow([.int(i), .text(v)]) }
        let records = try readAll(writer.bytes)
        #expect(records.dropFirst().map { $0.fields[1] } == values)
    }
}
