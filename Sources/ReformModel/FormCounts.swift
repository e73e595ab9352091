import ReformSupport

/// The eleven counts of one row of the official form II.06a, columns (3)…(13) (docs/contract.md
/// §9–10): what a submitted report states and what consolidation and reconciliation compare.
public struct FormCounts: Equatable, Sendable {
    public var receivedTotal = 0
    public var receivedOnline = 0
    public var receivedDirectPostal = 0
    public var carriedIn = 0
    public var resolvedTotal = 0
    public var early = 0
    public var onTime = 0
    public var late = 0
    public var pendingTotal = 0
    public var pendingWithin = 0
    public var pendingOverdue = 0

    public init() {}

    /// The largest count a cell of a submitted report may hold (a billion dossiers less one, far
    /// above any province's year). Ingest refuses a larger one with its row named; under it no sum
    /// of the rows a period can hold, and no rate of such sums, leaves 64 bits.
    public static let maxCount = 999_999_999

    /// The output column names, in the form's order (3)…(13).
    public static let columns = [
        "received_total", "received_online", "received_direct_postal", "carried_in", "resolved_total", "early",
        "on_time", "late", "pending_total", "pending_within", "pending_overdue",
    ]

    /// The counts in `columns` order.
    public var values: [Int] {
        get {
            [
                receivedTotal, receivedOnline, receivedDirectPostal, carriedIn, resolvedTotal, early, onTime, late,
                pendingTotal, pendingWithin, pendingOverdue,
            ]
        }
        set {
            precondition(newValue.count == 11)
            (receivedTotal, receivedOnline, receivedDirectPostal, carriedIn) = (
                newValue[0], newValue[1], newValue[2], newValue[3]
            )
            (resolvedTotal, early, onTime, late) = (newValue[4], newValue[5], newValue[6], newValue[7])
            (pendingTotal, pendingWithin, pendingOverdue) = (newValue[8], newValue[9], newValue[10])
        }
    }

    /// A row of counts from `values` in `columns` order.
    public init(values: [Int]) {
        self.values = values
    }

    /// Adds another row's counts (for totals).
    public mutating func add(_ other: FormCounts) {
        values = zip(values, other.values).map { $0 + $1 }
    }

    /// The form's identities that do not hold, each with its numbers: (3) = (4)+(5)+(6),
    /// (3) = (7)+(11), (7) ≥ (8)+(9)+(10), (11) ≥ (12)+(13), no negative count.
    public var identityProblems: [String] {
        var problems: [String] = []
        if receivedTotal != receivedOnline + receivedDirectPostal + carriedIn {
            problems.append(
                "(3) \(receivedTotal) ≠ (4)+(5)+(6) \(receivedOnline + receivedDirectPostal + carriedIn)")
        }
        if receivedTotal != resolvedTotal + pendingTotal {
            problems.append("(3) \(receivedTotal) ≠ (7)+(11) \(resolvedTotal + pendingTotal)")
        }
        if resolvedTotal < early + onTime + late {
            problems.append("(7) \(resolvedTotal) < (8)+(9)+(10) \(early + onTime + late)")
        }
        if pendingTotal < pendingWithin + pendingOverdue {
            problems.append("(11) \(pendingTotal) < (12)+(13) \(pendingWithin + pendingOverdue)")
        }
        for (name, value) in zip(Self.columns, values) where value < 0 { problems.append("\(name) \(value) < 0") }
        return problems
    }

    /// (8)+(9) over (8)+(9)+(10), in hundredths of a percent; nil without decisions.
    public var onTimeRateHundredths: Int? { Percentage.hundredths(early + onTime, early + onTime + late) }
}
