/// The six groups of Decision 766/QĐ-TTg (23/6/2022) as the national portal scores and publishes
/// them (docs/contract.md §5): each with its maximum, the column the portal's workbooks give it,
/// and the project's own criteria that fall in it.
public enum Decision766Group: String, CaseIterable, Sendable {
    case transparency, progress
    case onlineService = "online_service"
    case onlinePayment = "online_payment"
    case satisfaction, digitisation

    /// The group's maximum, in hundredths of a point (the six sum to 100 points).
    public var maxHundredths: Int {
        switch self {
        case .transparency: return 1800
        case .progress: return 2000
        case .onlineService: return 1200
        case .onlinePayment: return 1000
        case .satisfaction: return 1800
        case .digitisation: return 2200
        }
    }

    /// The column of the portal's score workbooks: CKMB công khai minh bạch, TDGQ tiến độ giải
    /// quyết, CLGQ (dịch vụ công trực tuyến), TTTT thanh toán trực tuyến, MDHL mức độ hài lòng,
    /// MDSH mức độ số hóa. The pairing is checked on every row against the maxima: only TTTT stays
    /// within 10, CLGQ within 12, MDSH within 22.
    public var portalColumn: String {
        switch self {
        case .transparency: return "CKMB"
        case .progress: return "TDGQ"
        case .onlineService: return "CLGQ"
        case .onlinePayment: return "TTTT"
        case .satisfaction: return "MDHL"
        case .digitisation: return "MDSH"
        }
    }

    /// The group's name as the portal shows it.
    public var vietnameseName: String {
        switch self {
        case .transparency: return "Công khai, minh bạch"
        case .progress: return "Tiến độ giải quyết"
        case .onlineService: return "Dịch vụ công trực tuyến"
        case .onlinePayment: return "Thanh toán trực tuyến"
        case .satisfaction: return "Mức độ hài lòng"
        case .digitisation: return "Số hóa hồ sơ"
        }
    }

    /// The criteria the project computes from dossier exports that belong to the group
    /// (`index766_by_unit.csv`); none for transparency.
    public var ownCriteria: [String] {
        switch self {
        case .transparency: return []
        case .progress: return ["2.1"]
        case .onlineService: return ["3", "3.3"]
        case .onlinePayment: return ["3.6"]
        case .satisfaction: return ["5.4"]
        case .digitisation: return ["4.1", "4.2", "4.3"]
        }
    }
}
