/// How a procedure states its time limit (docs/contract.md §4).
public enum TimeUnit: String, Sendable, CaseIterable {
    case workingDays = "working_days"
    case days
    case hours
    case months

    /// The largest statutory time accepted in this unit: ten years.
    public var maximumAmount: Int {
        switch self {
        case .workingDays, .days: return 3_660
        case .hours: return 3_660 * 8
        case .months: return 120
        }
    }

    /// The unit a spelling names: `working_days`, `days`, `hours`, `months` or the Vietnamese
    /// `ngày làm việc`, `ngày`, `giờ`, `tháng` (matched after NFC, trimming and case folding).
    public init?(spelling: String) {
        switch TextKey.matchKey(spelling) {
        case "working_days", "ngày làm việc": self = .workingDays
        case "days", "ngày": self = .days
        case "hours", "giờ", "giờ làm việc": self = .hours
        case "months", "tháng": self = .months
        default: return nil
        }
    }
}
