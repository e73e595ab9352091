/// The columns (3)…(13) of the official form Biểu số II.06a/VPCP/KSTT (Circular 01/2020/TT-VPCP;
/// docs/contract.md §9–10), declared once: each one's stored name (in `submitted_report`,
/// `consolidated_by_unit.csv` and `reconciliation.csv`), its number, its place in the form's
/// three-row header and its meaning. Which Biểu 06 counts fill it is `Bieu06Column.formColumn`;
/// the form's identities are `identities`. (1) is the row number and (2) the unit or field.
public enum FormColumn: String, CaseIterable, Sendable {
    case receivedTotal = "received_total"
    case receivedOnline = "received_online"
    case receivedDirectPostal = "received_direct_postal"
    case carriedIn = "carried_in"
    case resolvedTotal = "resolved_total"
    case early
    case onTime = "on_time"
    case late
    case pendingTotal = "pending_total"
    case pendingWithin = "pending_within"
    case pendingOverdue = "pending_overdue"

    /// The three groups of the form's header.
    public enum Group: Sendable {
        case received, resolved, pending

        /// The group's header on the form.
        public var title: String {
            switch self {
            case .received: "Số hồ sơ nhận giải quyết"
            case .resolved: "Số hồ sơ đã giải quyết"
            case .pending: "Số hồ sơ đang giải quyết"
            }
        }
    }

    /// The position among the eleven (the storage of a row is indexed by it).
    @inline(__always)
    public var index: Int {
        switch self {
        case .receivedTotal: 0
        case .receivedOnline: 1
        case .receivedDirectPostal: 2
        case .carriedIn: 3
        case .resolvedTotal: 4
        case .early: 5
        case .onTime: 6
        case .late: 7
        case .pendingTotal: 8
        case .pendingWithin: 9
        case .pendingOverdue: 10
        }
    }

    /// The column's number on the form, 3…13.
    public var number: Int { index + 3 }

    /// The group it sits under.
    public var group: Group {
        switch self {
        case .receivedTotal, .receivedOnline, .receivedDirectPostal, .carriedIn: .received
        case .resolvedTotal, .early, .onTime, .late: .resolved
        case .pendingTotal, .pendingWithin, .pendingOverdue: .pending
        }
    }

    /// Its header below the group's, top to bottom (one or two rows; the form's header has three).
    public var headerPath: [String] {
        switch self {
        case .receivedTotal, .resolvedTotal, .pendingTotal: ["Tổng số"]
        case .receivedOnline: ["Trong kỳ", "Trực tuyến"]
        case .receivedDirectPostal: ["Trong kỳ", "Trực tiếp và dịch vụ bưu chính"]
        case .carriedIn: ["Từ kỳ trước"]
        case .early: ["Trước hạn"]
        case .onTime: ["Đúng hạn"]
        case .late, .pendingOverdue: ["Quá hạn"]
        case .pendingWithin: ["Trong hạn"]
        }
    }

    /// Its header on one line, where a table has no room for the form's three rows (the
    /// consolidation page).
    public var shortHeader: String {
        switch self {
        case .receivedTotal: "Nhận: tổng số"
        case .receivedOnline: "Trực tuyến"
        case .receivedDirectPostal: "Trực tiếp, bưu chính"
        case .carriedIn: "Kỳ trước"
        case .resolvedTotal: "Đã giải quyết"
        case .early: "Trước hạn"
        case .onTime: "Đúng hạn"
        case .late, .pendingOverdue: "Quá hạn"
        case .pendingTotal: "Đang giải quyết"
        case .pendingWithin: "Trong hạn"
        }
    }

    /// What the column counts, in English.
    public var meaning: String {
        switch self {
        case .receivedTotal: "dossiers to handle in the period: (4) + (5) + (6)"
        case .receivedOnline: "received in the period online"
        case .receivedDirectPostal: "received in the period at the desk or by post"
        case .carriedIn: "carried in from the previous period"
        case .resolvedTotal: "ended in the period: resolved, withdrawn, rejected or stopped"
        case .early: "resolved before the appointment"
        case .onTime: "resolved on time"
        case .late: "resolved late"
        case .pendingTotal: "not ended by the end of the period"
        case .pendingWithin: "pending within the appointment"
        case .pendingOverdue: "pending past the appointment"
        }
    }

    /// The Biểu 06 counts whose sum the column is (the mapping `Bieu06Column.formColumn` declares).
    public var bieu06Columns: [Bieu06Column] { Bieu06Column.allCases.filter { $0.formColumn == self } }

    /// The form's identities: (3) = (4)+(5)+(6), (3) = (7)+(11), (7) ≥ (8)+(9)+(10), (11) ≥ (12)+(13)
    /// (the parts of (7) and (11) leave out the dossiers without an appointment and, in (7), the
    /// withdrawn). No count is negative either (`FormCounts.identityProblems`).
    public static let identities: [FormIdentity<FormColumn>] = [
        FormIdentity(.receivedTotal, equals: [.receivedOnline, .receivedDirectPostal, .carriedIn]),
        FormIdentity(.receivedTotal, equals: [.resolvedTotal, .pendingTotal]),
        FormIdentity(.resolvedTotal, atLeast: [.early, .onTime, .late]),
        FormIdentity(.pendingTotal, atLeast: [.pendingWithin, .pendingOverdue]),
    ]
}
