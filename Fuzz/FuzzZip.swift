// libFuzzer target: the ZIP directory reader and the workbook package on arbitrary files.
// Properties: nothing crashes or hangs; every sheet of an archive that opens reads to its end or
// stops with a WorkbookError; no entry streams more than its declared size.

@testable import ReformSupport
@testable import ReformTabular

#if canImport(Glibc)
    import Glibc
#endif

let zipPath = "/tmp/fuzz-zip-\(getpid()).xlsx"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzZip(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let file = fopen(zipPath, "wb") else { return 0 }
    fwrite(data, 1, size, file)
    fclose(file)
    if let archive = try? ZipArchive(path: zipPath) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        for entry in archive.entries.prefix(8) {
            guard let stream = try? archive.stream(entry) else { continue }
            var total = 0
            while let n = try? buffer.withUnsafeMutableBufferPointer({ try stream.read(into: $0) }), n > 0 {
                total += n
                precondition(total <= entry.uncompressedSize, "an entry streamed past its declared size")
            }
        }
    }
    if let workbook = try? XLSXWorkbook(path: zipPath) {
        for sheet in workbook.sheets.prefix(4) {
            guard let reader = try? workbook.open(sheet) else { continue }
            var row = GridRow()
            var last = 0
            while (try? reader.nextRow(&row)) == true {
                precondition(row.number >= 1 && row.number <= GridLimits.maxRows)
                last = row.number
            }
            _ = last
            _ = try? reader.merges()
        }
    }
    return 0
}
