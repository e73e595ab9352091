/// How the group a unit is ranked within reads on a page (docs/contract.md §7.1).
enum RankGroupLabel {
    /// The levels in Vietnamese, a group an input states as written, one list when there is none.
    static func text(_ group: String) -> String {
        switch group {
        case "": return "Tất cả đơn vị"
        case "province": return "Tỉnh, thành phố"
        case "department": return "Sở, ban, ngành"
        case "district": return "Quận, huyện, thị xã"
        case "commune": return "Xã, phường, đặc khu"
        default: return group
        }
    }
}
