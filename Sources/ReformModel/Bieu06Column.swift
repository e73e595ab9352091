import ReformSupport

/// The count columns of a Biểu 06 row (docs/contract.md §3.1, §7), in the order they are stored:
/// the fifteen the form publishes, then two data-quality counts kept beside them. The raw value is
/// the column's name in the store and in `bieu06_by_unit.csv` / `bieu06_by_field.csv`.
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

    /// True for the columns the form and its CSV files publish; false for the data-quality counts.
    public var isPublished: Bool { self != .notAccepted && self != .noDue }
}
