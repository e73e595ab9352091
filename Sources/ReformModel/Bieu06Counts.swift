import ReformSupport

/// The twenty counts of one Biểu 06 row, by `Bieu06Column`: what compute stores and report
/// reads, typed end to end (the Store reads and writes them by column name).
public struct Bieu06Counts: Equatable, Sendable {
    /// One count per column, at the column's `index`: a fixed-size inline array, so that adding
    /// one dossier's counts (four times per dossier of a scan) neither allocates nor branches.
    @usableFromInline var storage = InlineArray<20, Int>(repeating: 0)

    /// All counts zero.
    @inlinable public init() {}

    /// The count of `column`. Unchecked: `Bieu06Column.index` is 0…19 by construction (a test
    /// holds it), and the counting loop reads and writes here for every dossier.
    @inlinable
    public subscript(column: Bieu06Column) -> Int {
        get { storage[unchecked: column.index] }
        set { storage[unchecked: column.index] = newValue }
    }

    /// Adds another row's counts, column by column.
    @inlinable
    public mutating func add(_ other: Bieu06Counts) {
        for index in 0..<20 { storage[unchecked: index] &+= other.storage[unchecked: index] }
    }

    public static func == (a: Bieu06Counts, b: Bieu06Counts) -> Bool {
        for index in 0..<20 where a.storage[index] != b.storage[index] { return false }
        return true
    }

    /// (early + on time) / (early + on time + late), in hundredths of a percent; nil without decisions.
    public var onTimeRateHundredths: Int? {
        Percentage.hundredths(self[.early] + self[.onTime], self[.early] + self[.onTime] + self[.late])
    }

    /// Each of `Bieu06Column.identities` that does not hold, named as an equation of stored names
    /// ("total = carried_in + new_online + new_direct_postal"), with its two sides.
    public var brokenIdentities: [(identity: String, left: Int, right: Int)] {
        Bieu06Column.identities.compactMap { identity in
            identity.broken { self[$0] }.map { sides in
                (
                    identity.left.rawValue + " = " + identity.right.map(\.rawValue).joined(separator: " + "),
                    sides.left, sides.right
                )
            }
        }
    }
}
