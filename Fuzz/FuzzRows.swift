// libFuzzer target: a dossier export (header + records) through header mapping and row
// validation, which exercises the channel, status, yes/no and date parsers together.
// Properties: nothing crashes; every record is accepted or rejected; an accepted record is
// internally consistent (completion not before receipt, terminal classes have a date); checking a
// record's UTF-8 once before its quotes are removed (as ingest does) judges every record exactly as
// checking field by field does; a rejected record names a dossier id only when it looks like one
// (never the raw text of a broken record); an accepted record's id and codes hold no personal data;
// an online mode belongs to an online dossier and an extended appointment falls after the original.

@testable import ReformIngest
@testable import ReformModel
@testable import ReformSupport
@testable import ReformTabular

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRows(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    // A fixed valid header first, so the fuzzer spends its time on records.
    let header = Array(
        "Mã hồ sơ,Mã TTHC,Mã đơn vị,Kênh tiếp nhận,Ngày nhận,Hạn xử lý,Ngày hoàn thành,Ngày trả,Trạng thái,Phiếu xin lỗi,Thanh toán trực tuyến,Số hóa,Kết quả điện tử,Tái sử dụng dữ liệu,Số lần bổ sung,Số ngày bổ sung,PAKN,Hình thức trực tuyến,Ngày hẹn trả ban đầu,Ngày hẹn trả mới,Gia hạn\n"
            .utf8)
    let bytes = header + Array(UnsafeBufferPointer(start: data, count: size))
    var reader = CSVReader(bytes: bytes)
    reader.validatesUTF8 = true
    var fieldByField = CSVReader(bytes: bytes)
    guard (try? reader.nextRecord()) == true, (try? fieldByField.nextRecord()) == true,
        let mapped = try? DossierHeader(fields: (0..<reader.fieldCount).map { reader.string($0) })
    else { preconditionFailure("fixed header refused") }
    var parser = DossierRowParser(header: mapped)
    var referenceParser = DossierRowParser(header: mapped)
    while (try? reader.nextRecord()) == true {
        precondition((try? fieldByField.nextRecord()) == true)
        let row = parser.parse(reader)
        switch (row, referenceParser.parse(fieldByField)) {
        case (.accepted(let a), .accepted(let b)): precondition(a == b)
        case (.rejected(let a), .rejected(let b)): precondition(a == b)
        default: preconditionFailure("the record-wide UTF-8 check judged a record differently")
        }
        switch row {
        case .accepted(let record):
            precondition(!record.dossierID.isEmpty && !record.unitCode.isEmpty)
            if let completion = record.completionAt {
                precondition(CivilDate.vietnamDay(ofEpochSeconds: completion) >= record.receivedDay)
            }
            precondition(!record.status.isTerminal || record.completionAt != nil)
            precondition(record.status != .pending || record.completionAt == nil)
            precondition(!PersonalData.contains(record.dossierID.utf8) && !PersonalData.contains(record.unitCode.utf8))
            precondition(!PersonalData.contains(record.procedureName.utf8), "a name kept personal data")
            // An online mode only on an online dossier; an extension only ever lengthens the time.
            precondition(record.onlineMode == .unspecified || record.channel == .online)
            if let extended = record.extendedDueDay {
                precondition(record.dueDay != nil && extended > record.dueDay! && record.extended)
            }
        case .rejected(let rejection):
            precondition(PersonalData.safeKey(rejection.dossierID) == rejection.dossierID, "an unsafe id in rejects")
            precondition(PersonalData.safeKey(rejection.unitCode) == rejection.unitCode, "an unsafe code in rejects")
        }
    }
    return 0
}
