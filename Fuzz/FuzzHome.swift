// libFuzzer target: the reports' home page over arbitrary output files. The input is split at
// each 0x00 byte into a period folder's provenance.csv and bieu06_by_unit.csv, a year's
// index766_by_unit.csv, sipas_by_unit.csv and par_index.csv, and a comparison.csv, written into
// a scratch output folder. Properties: nothing crashes; the page is the same bytes when built
// twice; no text of the files reaches the page unescaped (no "<script" from the input).

@testable import ReformReport
@testable import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

let homeFolder: String = {
    var template = Array("/tmp/fuzz-home-XXXXXX".utf8CString)
    let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
    for folder in ["2025-03", "2025", "audit"] { mkdir(path + "/" + folder, 0o755) }
    for page in ["2025-03/report.html", "2025/indices.html", "audit/comparison.html"] {
        try? AtomicFile.write("<p>page</p>", to: path + "/" + page)
    }
    return path
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHome(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let parts = bytes.split(separator: 0, omittingEmptySubsequences: false)
    let names = [
        "2025-03/provenance.csv", "2025-03/bieu06_by_unit.csv", "2025/index766_by_unit.csv",
        "2025/sipas_by_unit.csv", "2025/par_index.csv", "audit/comparison.csv",
    ]
    for (index, name) in names.enumerated() {
        try? AtomicFile.write(index < parts.count ? Array(parts[index]) : [], to: homeFolder + "/" + name)
    }
    let page = HomePage(inventory: OutputInventory(root: homeFolder)).html()
    precondition(page == HomePage(inventory: OutputInventory(root: homeFolder)).html(), "the page is not deterministic")
    precondition(!page.lowercased().contains("<script"), "input text reached the page unescaped")
    return 0
}
