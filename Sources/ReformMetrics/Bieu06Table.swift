import ReformModel
import ReformStore
import ReformSupport

/// The `bieu06` and `identity_violation` metric tables: compute writes a period, report reads it.
public struct Bieu06Table {
    private let database: Database

    /// The tables in `database`.
    public init(database: Database) {
        self.database = database
    }

    /// Replaces the stored rows of `period` for `dimension`.
    public func replace(_ rows: [Bieu06Row], period: ReportingPeriod, dimension: Bieu06Dimension) throws {
        try Bieu06Store.replace(
            rows.map { Bieu06Store.Row(key: $0.key, name: $0.name, counts: $0.counts) }, period: period.description,
            dimension: dimension.rawValue, in: database)
    }

    /// The stored rows of `period`, sorted by key (byte order); nil when the period was never computed.
    public func rows(period: ReportingPeriod, dimension: Bieu06Dimension) throws -> [Bieu06Row]? {
        guard try isComputed(period) else { return nil }
        return try Bieu06Store.rows(period: period.description, dimension: dimension.rawValue, in: database).map {
            var row = Bieu06Row(key: $0.key, name: $0.name)
            row.counts = $0.counts
            return row
        }
    }

    /// True when `period` has been computed.
    public func isComputed(_ period: ReportingPeriod) throws -> Bool {
        try Bieu06Store.isComputed(period.description, in: database)
    }

    /// Replaces the identity violations stored for `period`.
    public func replaceViolations(_ violations: [(Bieu06Dimension, IdentityViolation)], period: ReportingPeriod) throws
    {
        try Bieu06Store.replaceViolations(
            violations.map {
                Bieu06Store.Violation(
                    dimension: $0.0.rawValue, key: $0.1.key, identity: $0.1.identity, left: $0.1.left, right: $0.1.right
                )
            }, period: period.description, in: database)
    }

    /// The identity violations stored for `period`.
    public func violations(period: ReportingPeriod) throws -> [(Bieu06Dimension, IdentityViolation)] {
        try Bieu06Store.violations(period: period.description, in: database).map {
            (
                Bieu06Dimension(rawValue: $0.dimension) ?? .unit,
                IdentityViolation(key: $0.key, identity: $0.identity, left: $0.left, right: $0.right)
            )
        }
    }
}
