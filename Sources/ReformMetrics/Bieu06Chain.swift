import ReformModel

/// The identity that links consecutive periods, carried_in(P) = pending(P − 1) (docs/contract.md
/// §3.1): a later export that rewrote history, or a dossier that vanished, shows here.
public enum Bieu06Chain {
    /// Every break of the chain between `rows` (period P) and `previous` (P − 1), named `identity`:
    /// a row whose carried-in differs from the key's pending before, then (by key) each key that had
    /// pending dossiers before and has no row now.
    public static func violations(rows: [Bieu06Row], previous: [Bieu06Row], identity: String) -> [IdentityViolation] {
        let pendingBefore = Dictionary(previous.map { ($0.key, $0[.pending]) }, uniquingKeysWith: +)
        var violations: [IdentityViolation] = []
        for row in rows {
            let expected = pendingBefore[row.key] ?? 0
            if row[.carriedIn] != expected {
                violations.append(
                    IdentityViolation(key: row.key, identity: identity, left: row[.carriedIn], right: expected))
            }
        }
        let present = Set(rows.map(\.key))
        for (key, pending) in pendingBefore.sorted(by: { $0.key < $1.key }) where pending > 0 && !present.contains(key)
        {
            violations.append(IdentityViolation(key: key, identity: identity, left: 0, right: pending))
        }
        return violations
    }
}
