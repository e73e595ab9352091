import ReformSupport

/// The counts of a Biểu 06 row, declared once (docs/contract.md §3.1, §7, §9): the order they are
/// stored in, each one's stored name, the official form's column it adds to or its number among
/// the columns the form cannot show, its headers and its meaning. The stored table, the CSV files,
/// the page, the workbook and consolidation read every column from here; the form's identities
/// over these counts are `identities`.
///
/// A row's grain is (period, `Bieu06Dimension`, key): one row per unit or field and period.
public enum Bieu06Column: String, CaseIterable, Sendable {
    case newOnline = "new_online"
    case newDirectPostal = "new_direct_postal"
    case carriedIn = "carried_in"
    case total
    case resolved
    case early
    case onTime = "on_time"
    case late
    case resolvedNoDue = "resolved_no_due"
    case lateWithApology = "late_with_apology"
    case withdrawnRejected = "withdrawn_rejected"
    case pending
    case pendingWithin = "pending_within"
    case pendingOverdue = "pending_overdue"
    case pendingNoDue = "pending_no_due"
    /// Dossiers received in the period whose receipt was refused (in no column of the form).
    case notAccepted = "not_accepted"
    /// Dossiers of `total` without an appointment date.
    case noDue = "no_due"
    /// Of `new_online`, the fully online ("toàn trình").
    case newOnlineFull = "new_online_full"
    /// Of `new_online`, the partly online ("một phần").
    case newOnlinePartial = "new_online_partial"
    /// Dossiers of `total` whose appointment was extended ("gia hạn").
    case extended

    /// The position in stored order (the row's storage is indexed by it).
    @inline(__always)
    public var index: Int {
        switch self {
        case .newOnline: 0
        case .newDirectPostal: 1
        case .carriedIn: 2
        case .total: 3
        case .resolved: 4
        case .early: 5
        case .onTime: 6
        case .late: 7
        case .resolvedNoDue: 8
        case .lateWithApology: 9
        case .withdrawnRejected: 10
        case .pending: 11
        case .pendingWithin: 12
        case .pendingOverdue: 13
        case .pendingNoDue: 14
        case .notAccepted: 15
        case .noDue: 16
        case .newOnlineFull: 17
        case .newOnlinePartial: 18
        case .extended: 19
        }
    }

    /// The column of the official form (3)…(13) this count adds to: a form column is the sum of the
    /// counts that name it ((7) holds the resolved and the withdrawn, rejected or stopped). Nil for
    /// the counts the 13 columns cannot show.
    public var formColumn: FormColumn? {
        switch self {
        case .total: .receivedTotal
        case .newOnline: .receivedOnline
        case .newDirectPostal: .receivedDirectPostal
        case .carriedIn: .carriedIn
        case .resolved, .withdrawnRejected: .resolvedTotal
        case .early: .early
        case .onTime: .onTime
        case .late: .late
        case .pending: .pendingTotal
        case .pendingWithin: .pendingWithin
        case .pendingOverdue: .pendingOverdue
        case .resolvedNoDue, .lateWithApology, .pendingNoDue, .notAccepted, .noDue, .newOnlineFull, .newOnlinePartial,
            .extended:
            nil
        }
    }

    /// The column number of this count among those the workbook shows right of (13), or nil.
    /// (18) is the on-time rate; the counts added in 2026 come after it, so that the columns users
    /// had built on keep their numbers.
    public var extraNumber: Int? {
        switch self {
        case .resolvedNoDue: 14
        case .withdrawnRejected: 15
        case .lateWithApology: 16
        case .pendingNoDue: 17
        case .newOnlineFull: 19
        case .newOnlinePartial: 20
        case .extended: 21
        default: nil
        }
    }

    /// The number of the on-time rate among the workbook's columns right of (13).
    public static let rateNumber = 18

    /// The counts the workbook shows right of (13), numbered (14)…(17) and (19)…(21), in order.
    public static let extras = allCases.filter { $0.extraNumber != nil }.sorted { $0.extraNumber! < $1.extraNumber! }

    /// True for the columns the form and its CSV files publish; false for the data-quality counts.
    public var isPublished: Bool { self != .notAccepted && self != .noDue }

    /// True for the counts the CSV files publish after the on-time rate (added in 2026: the online
    /// split and extensions), so that the columns before it keep their positions.
    public var followsRate: Bool { (extraNumber ?? 0) > Self.rateNumber }

    /// The heading group of the page's table (nil: a column standing alone under its own header).
    public var group: FormColumn.Group? {
        switch self {
        case .total, .newOnline, .newDirectPostal, .carriedIn: .received
        case .resolved, .early, .onTime, .late, .lateWithApology, .resolvedNoDue: .resolved
        case .pending, .pendingWithin, .pendingOverdue, .pendingNoDue: .pending
        case .newOnlineFull, .newOnlinePartial: .received
        case .withdrawnRejected, .notAccepted, .noDue, .extended: nil
        }
    }

    /// The page's header of the column (under its group's).
    public var pageHeader: String {
        switch self {
        case .total, .resolved, .pending: "Tổng số"
        case .newOnline: "Trực tuyến"
        case .newDirectPostal: "Trực tiếp, bưu chính"
        case .carriedIn: "Kỳ trước chuyển qua"
        case .early: "Trước hạn"
        case .onTime: "Đúng hạn"
        case .late, .pendingOverdue: "Quá hạn"
        case .lateWithApology: "Trong đó có thư xin lỗi"
        case .resolvedNoDue, .pendingNoDue: "Không có hạn"
        case .withdrawnRejected: "Rút, từ chối, dừng"
        case .pendingWithin: "Trong hạn"
        case .notAccepted: "Không được tiếp nhận"
        case .noDue: "Không có ngày hẹn trả"
        case .newOnlineFull: "Trong đó toàn trình"
        case .newOnlinePartial: "Trong đó một phần"
        case .extended: "Gia hạn"
        }
    }

    /// The header of the column where it stands on its own (the workbook's columns (14)…(17)).
    public var header: String {
        switch self {
        case .resolvedNoDue: "Đã giải quyết không có ngày hẹn trả"
        case .withdrawnRejected: "Rút, từ chối, dừng xử lý"
        case .lateWithApology: "Quá hạn có văn bản xin lỗi"
        case .pendingNoDue: "Đang giải quyết không có ngày hẹn trả"
        case .notAccepted: "Hồ sơ không được tiếp nhận"
        case .noDue: "Hồ sơ không có ngày hẹn trả"
        case .newOnlineFull: "Tiếp nhận trực tuyến toàn trình"
        case .newOnlinePartial: "Tiếp nhận trực tuyến một phần"
        case .extended: "Hồ sơ gia hạn"
        default: (group.map { $0.title + " – " } ?? "") + pageHeader
        }
    }

    /// What the column counts, in English (docs/contract.md §3.1 gives the rule).
    public var meaning: String {
        switch self {
        case .newOnline: "received in the period online"
        case .newDirectPostal: "received in the period at the desk or by post"
        case .carriedIn: "received before the period and not ended before it"
        case .total: "all dossiers to handle in the period"
        case .resolved: "resolved by the end of the period"
        case .early: "resolved before the appointment day"
        case .onTime: "resolved on the appointment day"
        case .late: "resolved after the appointment"
        case .resolvedNoDue: "resolved, without an appointment date"
        case .lateWithApology: "resolved late with an apology letter"
        case .withdrawnRejected: "withdrawn, rejected or stopped by the end of the period"
        case .pending: "not ended by the end of the period"
        case .pendingWithin: "pending, appointment not yet passed"
        case .pendingOverdue: "pending, appointment passed"
        case .pendingNoDue: "pending, without an appointment date"
        case .notAccepted: "received in the period, receipt refused (in no column)"
        case .noDue: "of total, without an appointment date"
        case .newOnlineFull: "of new online, fully online (toàn trình)"
        case .newOnlinePartial: "of new online, partly online (một phần)"
        case .extended: "of total, with an extended appointment (gia hạn)"
        }
    }

    /// The columns in the order of the page's table.
    public static let pageOrder: [Bieu06Column] = [
        .total, .newOnline, .newOnlineFull, .newOnlinePartial, .newDirectPostal, .carriedIn, .resolved, .early, .onTime,
        .late, .lateWithApology, .resolvedNoDue, .withdrawnRejected, .pending, .pendingWithin, .pendingOverdue,
        .pendingNoDue, .extended,
    ]

    /// The identities every row holds (docs/contract.md §3.1): a broken one is reported, never patched.
    public static let identities: [FormIdentity<Bieu06Column>] = [
        FormIdentity(.total, equals: [.carriedIn, .newOnline, .newDirectPostal]),
        FormIdentity(.total, equals: [.resolved, .withdrawnRejected, .pending]),
        FormIdentity(.resolved, equals: [.early, .onTime, .late, .resolvedNoDue]),
        FormIdentity(.pending, equals: [.pendingWithin, .pendingOverdue, .pendingNoDue]),
    ]
}

/// Which grouping a Biểu 06 table has (the middle of a row's grain: period, dimension, key).
public enum Bieu06Dimension: String, Sendable, CaseIterable {
    case unit, field
}
