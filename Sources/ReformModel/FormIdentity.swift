/// An identity of the form over one row's counts, as data: `left` equals (or is at least) the sum
/// of `right`. Biểu 06's stored counts and the official form's columns each declare theirs
/// (`Bieu06Column.identities`, `FormColumn.identities`); a broken one is reported, never patched.
public struct FormIdentity<Column: Hashable & Sendable>: Sendable {
    /// How the two sides compare when the identity holds.
    public enum Relation: Sendable {
        /// left = the sum of right.
        case equal
        /// left ≥ the sum of right (the form's parts need not cover the whole).
        case atLeast
    }

    public var left: Column
    public var relation: Relation
    public var right: [Column]

    /// `left` = the sum of `right`.
    public init(_ left: Column, equals right: [Column]) {
        (self.left, self.relation, self.right) = (left, .equal, right)
    }

    /// `left` ≥ the sum of `right`.
    public init(_ left: Column, atLeast right: [Column]) {
        (self.left, self.relation, self.right) = (left, .atLeast, right)
    }

    /// The two sides when the identity does not hold for the counts `value` gives; nil when it holds.
    @inlinable
    public func broken(_ value: (Column) -> Int) -> (left: Int, right: Int)? {
        let l = value(left)
        var r = 0
        for column in right { r += value(column) }
        switch relation {
        case .equal: return l == r ? nil : (l, r)
        case .atLeast: return l >= r ? nil : (l, r)
        }
    }

    /// The sign shown between the sides of a broken identity ("≠" or "<").
    public var brokenSign: String { relation == .equal ? "≠" : "<" }
}
