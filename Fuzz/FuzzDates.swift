// libFuzzer target: the date parser on arbitrary bytes.
// Properties: nothing crashes; an accepted value is on or after 1970-01-01 in Vietnam time and
// before 10000; its ISO rendering parses back to the same instant.

@testable import ReformModel
@testable import ReformSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDates(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let seconds = DateParser.parse(bytes) else { return 0 }
    let day = CivilDate.vietnamDay(ofEpochSeconds: seconds)
    precondition(day >= 0, "date before 1970 accepted")
    let (year, _, _) = CivilDate.civil(day)
    precondition(year <= 9999, "year above 9999 accepted")
    let secondOfDay = Int(seconds + CivilDate.vietnamOffsetSeconds - Int64(day) * 86400)
    let iso =
        "\(CivilDate.isoString(day))T\(CivilDate.pad(secondOfDay / 3600, 2)):\(CivilDate.pad(secondOfDay / 60 % 60, 2)):\(CivilDate.pad(secondOfDay % 60, 2))+07:00"
    precondition(DateParser.parse(iso) == seconds, "ISO rendering does not parse back")
    return 0
}
