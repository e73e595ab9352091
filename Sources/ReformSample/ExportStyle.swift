import FoundationEssentials
import ReformIngest
import ReformMetrics
import ReformModel
import ReformSupport
import ReformTabular

/// How one vendor's system writes a dossier export: headers, value spellings, date format, line
/// ending and byte order mark. The three vendor styles follow the systems described in
/// docs/research-notes.md §7; `mixed` varies everything row by row (every alias, date format and
/// spelling of docs/contract.md §2) to exercise ingest against an independent oracle.
public struct ExportStyle {
    /// A style's name: `vnpt`, `opencps`, `dvcqg` or `mixed`.
    public let name: String
    let byteOrderMark: Bool
    let crlf: Bool
    /// Header per contract column (nil: the vendor does not export it), in file order.
    let columns: [(column: DossierColumn?, header: String, personal: PersonalField?)]

    enum PersonalField { case name, phone, address, email, idNumber }

    /// The vendor styles, used month after month in turn.
    public static let vendors = ["vnpt", "opencps", "dvcqg"]

    /// The style named `name`; the `mixed` style draws its headers with `random`.
    public static func named(_ name: String, random: inout SeededRandom, variant: Int = 0) -> ExportStyle? {
        switch name {
        case "vnpt":
            return ExportStyle(
                name: name, byteOrderMark: true, crlf: true,
                columns: [
                    (.dossierID, "Mã hồ sơ", nil), (.procedureCode, "Mã thủ tục", nil),
                    (.procedureName, "Tên thủ tục", nil),
                    (.field, "Lĩnh vực", nil), (.unitCode, "Mã đơn vị", nil), (.unitName, "Đơn vị", nil),
                    (nil, "Chủ hồ sơ", .name), (nil, "Số điện thoại", .phone), (nil, "Địa chỉ", .address),
                    (.channel, "Hình thức nộp", nil), (.receivedAt, "Ngày tiếp nhận", nil),
                    (.dueAt, "Ngày hẹn trả", nil),
                    (.completedAt, "Ngày có kết quả", nil), (.returnedAt, "Ngày trả kết quả", nil),
                    (.status, "Trạng thái", nil),
                    (.apology, "Thư xin lỗi", nil),
                ])
        case "opencps":
            return ExportStyle(
                name: name, byteOrderMark: false, crlf: false,
                columns: [
                    (.dossierID, "Số hồ sơ", nil), (.procedureCode, "Mã TTHC", nil), (.procedureName, "Tên TTHC", nil),
                    (.unitName, "Cơ quan thụ lý", nil), (.unitCode, "Mã cơ quan thụ lý", nil),
                    (nil, "Người nộp hồ sơ", .name),
                    (nil, "Địa chỉ", .address), (nil, "Thư điện tử", .email), (.receivedAt, "Ngày nhận", nil),
                    (.dueAt, "Hạn xử lý", nil), (.completedAt, "Ngày hoàn thành", nil), (.returnedAt, "Ngày trả", nil),
                    (.status, "Trạng thái", nil), (.channel, "Kênh tiếp nhận", nil), (.field, "Lĩnh vực", nil),
                    (.apology, "Phiếu xin lỗi", nil), (nil, "Ghi chú xử lý", nil),
                ])
        case "dvcqg":
            return ExportStyle(
                name: name, byteOrderMark: true, crlf: true,
                columns: [
                    (.dossierID, "Mã hồ sơ", nil), (.procedureCode, "Mã TTHC", nil), (.procedureName, "Tên TTHC", nil),
                    (.field, "Lĩnh vực", nil), (.unitCode, "Mã đơn vị giải quyết", nil),
                    (.unitName, "Đơn vị giải quyết", nil),
                    (.receivingUnitCode, "Mã đơn vị tiếp nhận", nil), (.channel, "Kênh thực hiện", nil),
                    (.receivedAt, "Ngày tiếp nhận", nil), (.dueAt, "Hạn giải quyết", nil),
                    (.completedAt, "Ngày kết thúc xử lý", nil), (.returnedAt, "Ngày trả kết quả", nil),
                    (.status, "Trạng thái", nil), (.apology, "Văn bản xin lỗi", nil), (nil, "Chủ hồ sơ", .name),
                    (nil, "CCCD", .idNumber), (nil, "Số điện thoại", .phone),
                    (.onlinePayment, "Thanh toán trực tuyến", nil),
                    (.digitized, "Số hóa hồ sơ", nil), (.eResult, "Kết quả điện tử", nil),
                    (.reusedData, "Tái sử dụng dữ liệu", nil),
                    (.supplementCount, "Số lần bổ sung", nil), (.supplementDays, "Số ngày bổ sung", nil),
                    (.complaint, "PAKN", nil), (.onlineMode, "Hình thức trực tuyến", nil),
                    (.originalDueAt, "Ngày hẹn trả ban đầu", nil), (.extendedDueAt, "Ngày hẹn trả mới", nil),
                ])
        case "mixed":
            var columns: [(DossierColumn?, String, PersonalField?)] = DossierColumn.allCases.map { column in
                let spellings = [column.rawValue] + column.aliases
                // File `variant` uses the variant-th spelling, so a few files hold every alias.
                var header = spellings[(variant + random.int(0...1)) % spellings.count]
                if variant < spellings.count { header = spellings[variant] }
                if random.chance(20) { header = header.uppercased() }
                if random.chance(20) { header = " " + header + " " }
                return (column, header, nil)
            }
            columns += [
                (nil, "Chủ hồ sơ", .name), (nil, "Số định danh", .idNumber), (nil, "Email", .email),
                (nil, "Cột lạ", nil),
            ]
            // A random column order (Fisher–Yates with the seeded generator).
            for index in stride(from: columns.count - 1, to: 0, by: -1) {
                columns.swapAt(index, random.int(0...index))
            }
            return ExportStyle(name: name, byteOrderMark: random.chance(50), crlf: random.chance(50), columns: columns)
        default:
            return nil
        }
    }

    /// Local minutes → text in this style's date-time format (`dateOnly` for appointment dates).
    func format(minutes: Int, dateOnly: Bool, random: inout SeededRandom) -> String {
        let day = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440
        let minuteOfDay = minutes - day * 1440
        let (y, m, d) = CivilDate.civil(day)
        let hh = CivilDate.pad(minuteOfDay / 60, 2), mm = CivilDate.pad(minuteOfDay % 60, 2)
        let dmy = "\(CivilDate.pad(d, 2))/\(CivilDate.pad(m, 2))/\(y)"
        let iso = CivilDate.isoString(day)
        switch name {
        case "vnpt": return dateOnly ? dmy : "\(dmy) \(hh):\(mm):00"
        case "opencps": return dateOnly ? dmy : "\(dmy) \(hh):\(mm)"
        case "dvcqg": return dateOnly ? iso : "\(iso)T\(hh):\(mm):00+07:00"
        default: break
        }
        if dateOnly && random.chance(40) {
            return random.chance(50) ? dmy : (random.chance(50) ? iso : String(day + 25569))
        }
        if dateOnly && minuteOfDay == 0 && day % 4 >= 2 {
            // Some appointment slips give a time of day (10:30, 16:30): what `compare=instant` is for.
            // The day decides, not the random stream, so the other values stay as they were.
            return format(minutes: minutes + (day % 4 == 2 ? 630 : 990), dateOnly: false, random: &random)
        }
        switch random.int(0...10) {
        case 0: return "\(d)/\(m)/\(y) \(minuteOfDay / 60):\(mm)"
        case 1: return "\(dmy) \(hh):\(mm):00"
        case 2: return "\(iso) \(hh):\(mm)"
        case 3: return "\(iso) \(hh):\(mm):00"
        case 4: return "\(iso)T\(hh):\(mm)"
        case 5:
            // The same instant in UTC.
            let utc = minutes - 420
            let utcDay = utc >= 0 ? utc / 1440 : (utc - 1439) / 1440
            let utcMinute = utc - utcDay * 1440
            return
                "\(CivilDate.isoString(utcDay))T\(CivilDate.pad(utcMinute / 60, 2)):\(CivilDate.pad(utcMinute % 60, 2)):00Z"
        case 6:
            // The same instant in UTC+09:00.
            let tokyo = minutes + 120
            let tokyoDay = tokyo / 1440, tokyoMinute = tokyo % 1440
            return
                "\(CivilDate.isoString(tokyoDay))T\(CivilDate.pad(tokyoMinute / 60, 2)):\(CivilDate.pad(tokyoMinute % 60, 2)):00+09:00"
        case 7:
            // Excel serial with the time as a fraction of the day (nine decimals keep whole seconds exact).
            let fraction = minuteOfDay * 1_000_000_000 / 1440
            let digits = CivilDate.pad(fraction, 9)
            return "\(day + 25569).\(digits)"
        case 8, 9:
            // The national portal's sync records: yyyyMMddHHmmss, or yyyyMMdd for a date alone.
            let compact = "\(y)\(CivilDate.pad(m, 2))\(CivilDate.pad(d, 2))"
            return dateOnly && random.chance(50) ? compact : compact + hh + mm + "00"
        default:
            return "\(dmy) \(hh):\(mm)"
        }
    }

    func channel(_ dossier: SampleDossier, random: inout SeededRandom, rotation: inout Rotation) -> String {
        let channel = dossier.channel, mode = dossier.onlineMode
        switch name {
        case "vnpt":
            // This system writes the portal's split into the channel.
            if channel == .online && mode != .unspecified {
                return mode == .full ? "Trực tuyến toàn trình" : "Trực tuyến một phần"
            }
            return [.online: "Trực tuyến", .direct: "Trực tiếp", .postal: "Bưu chính công ích"][channel]!
        case "opencps":
            return [.online: "Trực tuyến", .direct: "Trực tiếp", .postal: "Bưu chính công ích"][channel]!
        case "dvcqg":
            return String(channel.rawValue)
        default:
            let spellings: [Channel: [String]] = [
                .online: ["online", "Trực tuyến", "2", "VNeID", "Ứng dụng VNeID", "Ki-ốt", "Kiosk"],
                .direct: ["direct", "Trực tiếp", "1", ""],
                .postal: ["postal", "Bưu chính", "Bưu chính công ích", "BCCI", "3"],
            ]
            if channel == .online && mode != .unspecified && dossier.idHash % 2 == 0 {
                // Half say the mode in the channel, the others in the online-mode column alone.
                let named =
                    mode == .full
                    ? ["Trực tuyến toàn trình", "online_full"] : ["Trực tuyến một phần", "online_partial"]
                return vary(rotation.next("channel\(mode)", named), random: &random)
            }
            return vary(rotation.next("channel\(channel)", spellings[channel]!), random: &random)
        }
    }

    /// The online-mode column: the dossier's mode in this style's words ("" when unspecified).
    func onlineMode(_ dossier: SampleDossier, rotation: inout Rotation) -> String {
        guard dossier.channel == .online, dossier.onlineMode != .unspecified else { return "" }
        let full = dossier.onlineMode == .full
        switch name {
        case "dvcqg": return full ? "Toàn trình" : "Một phần"
        default:
            return rotation.next(
                "onlineMode\(full)",
                full
                    ? ["full", "toàn trình", "Trực tuyến toàn trình", "DVC toàn trình", "Mức độ 4", "4"]
                    : ["partial", "một phần", "Trực tuyến một phần", "DVC một phần", "Mức độ 3", "3"])
        }
    }

    /// The day an appointment column shows: vnpt and opencps keep the original appointment; dvcqg
    /// overwrites its appointment with the extended one and keeps both in their own columns; the
    /// mixed style gives the original in both appointment columns and the extended date apart.
    func appointment(_ column: DossierColumn, of dossier: SampleDossier) -> Int? {
        switch column {
        case .dueAt: return name == "dvcqg" ? dossier.extendedDueDay ?? dossier.dueDay : dossier.dueDay
        case .originalDueAt: return dossier.dueDay
        default: return dossier.extendedDueDay
        }
    }

    func status(_ state: SampleDossier.Snapshot.State, random: inout SeededRandom, rotation: inout Rotation) -> String {
        typealias S = SampleDossier.Snapshot.State
        switch name {
        case "vnpt", "opencps":
            let words: [S: String] = [
                .notAccepted: "Không được tiếp nhận", .processing: "Đang xử lý", .supplement: "Yêu cầu bổ sung giấy tờ",
                .resolved: "Đã xử lý xong", .returned: "Đã trả kết quả", .withdrawn: "Công dân yêu cầu rút hồ sơ",
                .rejected: "Từ chối", .stopped: "Dừng xử lý",
            ]
            return words[state]!
        case "dvcqg":
            let codes: [S: String] = [
                .notAccepted: "3", .processing: "4", .supplement: "5", .resolved: "9", .returned: "10", .withdrawn: "7",
                .rejected: "Từ chối", .stopped: "8",
            ]
            return codes[state]!
        default:
            let spellings: [S: [String]] = [
                .notAccepted: ["not_accepted", "submitted", "Mới đăng ký", "Không được tiếp nhận", "1", "3"],
                .processing: [
                    "pending", "received", "processing", "waiting_payment", "Đang xử lý", "Được tiếp nhận",
                    "Yêu cầu thực hiện nghĩa vụ tài chính", "2", "4", "6", "",
                ],
                .supplement: ["waiting_supplement", "Yêu cầu bổ sung giấy tờ", "5"],
                .resolved: ["resolved", "completed", "Đã xử lý xong", "Hoàn thành", "9", ""],
                .returned: ["returned", "Đã trả kết quả", "10", ""],
                .withdrawn: ["withdrawn", "Rút hồ sơ", "Công dân yêu cầu rút hồ sơ", "7"],
                .rejected: ["rejected", "Từ chối"],
                .stopped: ["stopped", "Dừng xử lý", "Dừng giải quyết", "Thông báo dừng giải quyết", "8"],
            ]
            return vary(rotation.next("status\(state)", spellings[state]!), random: &random)
        }
    }

    func apology(_ yes: Bool, random: inout SeededRandom, rotation: inout Rotation) -> String {
        switch name {
        case "vnpt": return yes ? "Có" : ""
        case "opencps": return yes ? "x" : ""
        case "dvcqg": return yes ? "1" : "0"
        default:
            return vary(
                rotation.next(
                    "apology\(yes)", yes ? ["Có", "x", "1", "true", "yes"] : ["Không", "0", "false", "no", ""]),
                random: &random)
        }
    }

    /// Case, padding and combining-mark variants of a spelling (all must match after normalisation).
    func vary(_ text: String, random: inout SeededRandom) -> String {
        var out = text
        if random.chance(15) { out = out.uppercased() }
        if random.chance(15) { out = "  " + out + " " }
        if random.chance(15) { out = CanonicalDecomposition.decomposed(out) }
        return out
    }

    var lineEnd: String { crlf ? "\r\n" : "\n" }
}

/// Hands out the spellings of a value in turn, so every spelling occurs once the value has
/// occurred as many times as it has spellings (the mixed style's coverage guarantee).
struct Rotation {
    private var counters: [String: Int] = [:]

    mutating func next(_ key: String, _ spellings: [String]) -> String {
        let turn = counters[key, default: 0]
        counters[key] = turn + 1
        return spellings[turn % spellings.count]
    }
}
