import ReformSupport

/// The eleven counts of one row of the official form II.06a, columns (3)…(13) by `FormColumn`
/// (docs/contract.md §9–10): what a submitted report states and what consolidation and
/// reconciliation compare.
public struct FormCounts: Equatable, Sendable {
    @usableFromInline var storage = InlineArray<11, Int>(repeating: 0)
    /// The columns a report does not give (bit `index`): a summary without the online/direct split
    /// leaves (4) and (5) unknown, stored as 0 and shown empty.
    @usableFromInline var notGivenBits: UInt16 = 0

    /// All counts zero.
    public init() {}

    /// The largest count a cell of a submitted report may hold (a billion dossiers less one, far
    /// above any province's year). Ingest refuses a larger one with its row named; under it no sum
    /// of the rows a period can hold, and no rate of such sums, leaves 64 bits.
    public static let maxCount = 999_999_999

    /// The form's columns of a Biểu 06 row: each the sum of the counts that declare it
    /// (`Bieu06Column.formColumn`), so (7) holds the withdrawn, rejected and stopped.
    public init(_ counts: Bieu06Counts) {
        for column in Bieu06Column.allCases {
            if let form = column.formColumn { self[form] += counts[column] }
        }
    }

    /// The count of `column`.
    @inlinable
    public subscript(column: FormColumn) -> Int {
        get { storage[column.index] }
        set { storage[column.index] = newValue }
    }

    public static func == (a: FormCounts, b: FormCounts) -> Bool {
        a.notGivenBits == b.notGivenBits && FormColumn.allCases.allSatisfy { a[$0] == b[$0] }
    }

    /// Whether the report states `column` (a sum is given only when every part gives it).
    public func isGiven(_ column: FormColumn) -> Bool { notGivenBits & (1 << column.index) == 0 }

    /// The count of `column` when it is given; nil for a column the report does not state.
    public func given(_ column: FormColumn) -> Int? { isGiven(column) ? self[column] : nil }

    /// Marks `column` as not stated by the report (its count stays 0).
    public mutating func markNotGiven(_ column: FormColumn) {
        self[column] = 0
        notGivenBits |= 1 << column.index
    }

    /// The columns not given, in the form's order.
    public var notGiven: [FormColumn] { FormColumn.allCases.filter { !isGiven($0) } }

    /// Adds another row's counts (for totals); a column one of them does not give is not given in
    /// the sum either (a province total of (4) that left out a unit would be wrong, not partial).
    public mutating func add(_ other: FormCounts) {
        for column in FormColumn.allCases { self[column] += other[column] }
        notGivenBits |= other.notGivenBits
        for column in FormColumn.allCases where !isGiven(column) { self[column] = 0 }
    }

    /// The form's identities that do not hold, each with its numbers ("(3) 12 ≠ (4)+(5)+(6) 11",
    /// "(7) 5 < (8)+(9)+(10) 6"), then each negative count ("late -1 < 0").
    public var identityProblems: [String] {
        var problems: [String] = []
        for identity in FormColumn.identities
        where isGiven(identity.left) && identity.right.allSatisfy(isGiven) {
            guard let sides = identity.broken({ self[$0] }) else { continue }
            let right = identity.right.map { "(\($0.number))" }.joined(separator: "+")
            problems.append("(\(identity.left.number)) \(sides.left) \(identity.brokenSign) \(right) \(sides.right)")
        }
        for column in FormColumn.allCases where self[column] < 0 {
            problems.append("\(column.rawValue) \(self[column]) < 0")
        }
        return problems
    }

    /// (8)+(9) over (8)+(9)+(10), in hundredths of a percent; nil without decisions.
    public var onTimeRateHundredths: Int? {
        Percentage.hundredths(self[.early] + self[.onTime], self[.early] + self[.onTime] + self[.late])
    }
}
