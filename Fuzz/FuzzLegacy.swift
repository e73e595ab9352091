// libFuzzer target: a legacy .xls (an OLE2 compound file holding a BIFF8 workbook stream) through
// the compound-file reader, the workbook globals (sheets, shared strings, formats) and every
// sheet's rows, then the table finder over the first sheet. An input starting with "BIFF" is the
// workbook stream itself after those four bytes, so short inputs reach the records too (a compound
// file needs a few kilobytes of sectors before its first record).
// Properties: nothing crashes, hangs or grows without bound (every chain, record and count is
// checked against the bytes); rows come in increasing order within Excel's bounds; a row holds no
// more cells than the sheet has cell records; every failure is a WorkbookError naming its cause.

@testable import ReformSupport
@testable import ReformTabular

let requirement = HeaderRequirement(
    accepts: { names in ["Mã hồ sơ", "Ngày tiếp nhận"].allSatisfy(names.contains) },
    knows: { ["Mã hồ sơ", "Mã TTHC", "Mã đơn vị", "Ngày tiếp nhận"].contains($0) },
    refusal: { _ in "required columns missing" })

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLegacy(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let workbook: BIFFWorkbook
    do {
        if bytes.starts(with: Array("BIFF".utf8)) {
            workbook = try BIFFWorkbook(stream: Array(bytes.dropFirst(4)))
        } else {
            workbook = try BIFFWorkbook(bytes: bytes)
        }
    } catch is WorkbookError {
        return 0
    } catch {
        preconditionFailure("an error that is not a WorkbookError: \(error)")
    }
    precondition(!workbook.sheets.isEmpty)
    for sheet in workbook.sheets {
        do {
            let reader = try workbook.open(sheet)
            var row = GridRow()
            var last = 0
            while try reader.nextRow(&row) {
                precondition(row.number > last && row.number <= 65_536 + 1)
                precondition(row.count <= GridLimits.maxColumns)
                last = row.number
            }
            _ = try reader.merges()
        } catch is WorkbookError {
            continue
        } catch {
            preconditionFailure("an error that is not a WorkbookError: \(error)")
        }
    }
    if let reader = try? workbook.open(workbook.sheets[0]),
        let table = try? SheetTable(
            grid: reader, sheetName: workbook.sheets[0].name, requirement: requirement)
    {
        precondition(!table.header.isEmpty)
    }
    return 0
}
