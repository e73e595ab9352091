/// One row of the Biểu 06 form: the dossier counts of one unit (or field) for one month.
public struct Bieu06Row: Equatable, Sendable {
    /// `unit_code` or field name; empty for dossiers without a field.
    public var key: String
    /// The unit's name (empty for field rows).
    public var name: String
    public var newOnline = 0
    public var newDirectPostal = 0
    public var carriedIn = 0
    public var total = 0
    public var resolved = 0
    public var early = 0
    public var onTime = 0
    public var late = 0
    public var resolvedNoDue = 0
    public var lateWithApology = 0
    public var withdrawnRejected = 0
    public var pending = 0
    public var pendingWithin = 0
    public var pendingOverdue = 0
    public var pendingNoDue = 0
    /// Data quality: dossiers received in the month whose receipt was refused (in no column).
    public var notAccepted = 0
    /// Data quality: dossiers of `total` without an appointment date.
    public var noDue = 0

    public init(key: String, name: String) {
        self.key = key
        self.name = name
    }

    /// (early + on time) / (early + on time + late), in hundredths of a percent; nil without decisions.
    public var onTimeRateHundredths: Int? { Percentage.hundredths(early + onTime, early + onTime + late) }

    /// The form's identities that hold within one row; each broken one with its two sides.
    public func brokenIdentities() -> [IdentityViolation] {
        var broken: [IdentityViolation] = []
        func check(_ name: String, _ left: Int, _ right: Int) {
            if left != right { broken.append(IdentityViolation(key: key, identity: name, left: left, right: right)) }
        }
        check("total = carried_in + new_online + new_direct_postal", total, carriedIn + newOnline + newDirectPostal)
        check("total = resolved + withdrawn_rejected + pending", total, resolved + withdrawnRejected + pending)
        check("resolved = early + on_time + late + resolved_no_due", resolved, early + onTime + late + resolvedNoDue)
        check(
            "pending = pending_within + pending_overdue + pending_no_due", pending,
            pendingWithin + pendingOverdue + pendingNoDue)
        return broken
    }

    /// Adds another row's counts (for totals).
    public mutating func add(_ other: Bieu06Row) {
        newOnline += other.newOnline
        newDirectPostal += other.newDirectPostal
        carriedIn += other.carriedIn
        total += other.total
        resolved += other.resolved
        early += other.early
        onTime += other.onTime
        late += other.late
        resolvedNoDue += other.resolvedNoDue
        lateWithApology += other.lateWithApology
        withdrawnRejected += other.withdrawnRejected
        pending += other.pending
        pendingWithin += other.pendingWithin
        pendingOverdue += other.pendingOverdue
        pendingNoDue += other.pendingNoDue
        notAccepted += other.notAccepted
        noDue += other.noDue
    }
}

/// A Biểu 06 identity that does not hold: reported, never patched.
public struct IdentityViolation: Equatable, Sendable {
    /// The unit code or field of the row.
    public var key: String
    /// The identity, as an equation.
    public var identity: String
    public var left: Int
    public var right: Int
}

/// Which grouping a Biểu 06 table has.
public enum Bieu06Dimension: String, Sendable, CaseIterable {
    case unit, field
}
