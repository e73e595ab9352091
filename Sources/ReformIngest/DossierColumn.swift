import ReformModel
import ReformStore

/// The columns of the dossier export contract (docs/contract.md §2) and the headers each accepts.
public enum DossierColumn: String, CaseIterable, Sendable {
    case dossierID = "dossier_id"
    case procedureCode = "procedure_code"
    case procedureName = "procedure_name"
    case field = "field"
    case unitCode = "unit_code"
    case unitName = "unit_name"
    case receivingUnitCode = "receiving_unit_code"
    case channel = "channel"
    case receivedAt = "received_at"
    case dueAt = "due_at"
    case completedAt = "completed_at"
    case returnedAt = "returned_at"
    case status = "status"
    case apology = "apology"
    case onlinePayment = "online_payment"
    case digitized = "digitized"
    case eResult = "e_result"
    case reusedData = "reused_data"
    case supplementCount = "supplement_count"
    case supplementDays = "supplement_days"
    case complaint = "complaint"
    case onlineMode = "online_mode"
    case originalDueAt = "original_due_at"
    case extendedDueAt = "extended_due_at"
    case extended = "extended"

    /// The Vietnamese headers vendors write for this column (its own name is accepted too).
    public var aliases: [String] {
        switch self {
        case .dossierID: return ["Mã hồ sơ", "Số hồ sơ", "MaHoSo"]
        case .procedureCode: return ["Mã thủ tục", "Mã TTHC", "MaTTHC"]
        case .procedureName: return ["Tên thủ tục", "Tên TTHC", "TenTTHC"]
        case .field: return ["Lĩnh vực", "TenLinhVuc"]
        case .unitCode: return ["Mã đơn vị", "Mã cơ quan thụ lý", "Mã đơn vị giải quyết", "DonViXuLy"]
        case .unitName: return ["Đơn vị", "Cơ quan thụ lý", "Đơn vị giải quyết"]
        case .receivingUnitCode: return ["Mã đơn vị tiếp nhận"]
        case .channel: return ["Hình thức nộp", "Kênh tiếp nhận", "Kênh thực hiện", "KenhThucHien"]
        case .receivedAt: return ["Ngày tiếp nhận", "Ngày nhận", "NgayTiepNhan"]
        case .dueAt: return ["Ngày hẹn trả", "Hạn xử lý", "Hạn giải quyết", "NgayHenTra"]
        case .completedAt: return ["Ngày có kết quả", "Ngày hoàn thành", "Ngày kết thúc xử lý", "NgayKetThucXuLy"]
        case .returnedAt: return ["Ngày trả kết quả", "Ngày trả", "NgayTra"]
        case .status: return ["Trạng thái", "TrangThaiHoSo"]
        case .apology: return ["Thư xin lỗi", "Phiếu xin lỗi", "Văn bản xin lỗi"]
        case .onlinePayment: return ["Thanh toán trực tuyến", "Đã thanh toán trực tuyến"]
        case .digitized: return ["Số hóa hồ sơ", "Hồ sơ số hóa", "Số hóa"]
        case .eResult: return ["Kết quả điện tử", "Có kết quả điện tử"]
        case .reusedData: return ["Tái sử dụng dữ liệu", "Sử dụng lại dữ liệu số hóa"]
        case .supplementCount: return ["Số lần bổ sung", "Số lần yêu cầu bổ sung"]
        case .supplementDays: return ["Số ngày bổ sung", "Thời gian bổ sung (ngày)"]
        case .complaint: return ["Phản ánh, kiến nghị", "PAKN", "Có phản ánh"]
        case .onlineMode: return ["Hình thức trực tuyến", "Loại hồ sơ trực tuyến", "Mức độ trực tuyến"]
        case .originalDueAt: return ["Ngày hẹn trả ban đầu", "Ngày hẹn trả cũ", "NgayHenTraCu"]
        case .extendedDueAt: return ["Ngày hẹn trả mới", "Ngày hẹn trả sau gia hạn", "NgayHenTraMoi"]
        case .extended: return ["Gia hạn", "Có gia hạn", "Đã gia hạn"]
        }
    }

    /// The column's place in `allCases` (a switch: no hashing on the per-row path).
    var ordinal: Int {
        switch self {
        case .dossierID: return 0
        case .procedureCode: return 1
        case .procedureName: return 2
        case .field: return 3
        case .unitCode: return 4
        case .unitName: return 5
        case .receivingUnitCode: return 6
        case .channel: return 7
        case .receivedAt: return 8
        case .dueAt: return 9
        case .completedAt: return 10
        case .returnedAt: return 11
        case .status: return 12
        case .apology: return 13
        case .onlinePayment: return 14
        case .digitized: return 15
        case .eResult: return 16
        case .reusedData: return 17
        case .supplementCount: return 18
        case .supplementDays: return 19
        case .complaint: return 20
        case .onlineMode: return 21
        case .originalDueAt: return 22
        case .extendedDueAt: return 23
        case .extended: return 24
        }
    }

    /// Headers that name the column only when no other header does: the national portal's sync
    /// records carry the field's code (MaLinhVuc) beside its name (TenLinhVuc), and the name wins.
    public var fallbackAliases: [String] {
        self == .field ? ["MaLinhVuc"] : []
    }

    /// True for the columns a file cannot be ingested without.
    public var isRequired: Bool {
        switch self {
        case .dossierID, .procedureCode, .unitCode, .receivedAt: return true
        default: return false
        }
    }

    /// Headers of personal-data columns (Decree 13/2023): their values are never read into
    /// anything that is stored, logged or written.
    public static let personalDataHeaders = [
        "Chủ hồ sơ", "Người nộp", "Người nộp hồ sơ", "Địa chỉ", "Số điện thoại", "Email", "Thư điện tử", "CCCD",
        "Số định danh",
    ]

    package static let byMatchKey: [String: DossierColumn] = {
        var map: [String: DossierColumn] = [:]
        for column in allCases {
            map[TextKey.matchKey(column.rawValue)] = column
            for alias in column.aliases + column.fallbackAliases { map[TextKey.matchKey(alias)] = column }
        }
        return map
    }()

    /// The column a header names, or nil for an unknown or personal-data column.
    public static func matching(header: String) -> DossierColumn? {
        byMatchKey[TextKey.matchKey(header)]
    }
}

/// Where each contract column sits in one file's header.
public struct DossierHeader {
    /// Index in the record of each contract column, by the column's ordinal (an array, not a
    /// dictionary: it is read a dozen times per row).
    private let positions: [Int?]
    /// The header text of each field, as written in the file (for reject messages).
    public let names: [String]

    /// The position of `column`, if the file has it.
    public subscript(column: DossierColumn) -> Int? { positions[column.ordinal] }

    /// Maps a header record. Throws when a required column is missing or a column appears twice.
    public init(fields: [String]) throws {
        var positions: [DossierColumn: Int] = [:]
        let fallbacks = Set(DossierColumn.allCases.flatMap(\.fallbackAliases).map(TextKey.matchKey))
        func isFallback(_ name: String) -> Bool { fallbacks.contains(TextKey.matchKey(name)) }
        for (index, name) in fields.enumerated() {
            guard let column = DossierColumn.matching(header: name) else { continue }
            if let earlier = positions[column], isFallback(name) != isFallback(fields[earlier]) {
                if isFallback(fields[earlier]) { positions[column] = index }
                continue
            }
            if let earlier = positions[column] {
                throw IngestRefusal.duplicateColumn(column: column, first: fields[earlier], second: name)
            }
            positions[column] = index
        }
        for column in DossierColumn.allCases where column.isRequired && positions[column] == nil {
            throw IngestRefusal.missingColumn(column)
        }
        self.positions = DossierColumn.allCases.map { positions[$0] }
        self.names = fields.map { TextKey.value(Array($0.utf8)) }
    }
}
