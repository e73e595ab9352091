import ReformSupport

/// Percentages computed from exact integers, rounded half-up to two decimals (docs/contract.md §3.2):
/// `(20000·num + den) div (2·den)` hundredths. Never floating point, never truncation.
public enum Percentage {
    /// Hundredths of a percent of `numerator / denominator`; nil when the denominator is 0.
    public static func hundredths(_ numerator: Int, _ denominator: Int) -> Int? {
        guard denominator > 0, numerator >= 0 else { return nil }
        return (20000 * numerator + denominator) / (2 * denominator)
    }

    /// `96.50`-style text for CSV; nil (an empty cell) when the denominator is 0.
    public static func text(_ numerator: Int, _ denominator: Int) -> String? {
        hundredths(numerator, denominator).map(plain)
    }

    /// Two-decimal text of a hundredths value (`9650` → `96.50`).
    public static func plain(_ hundredths: Int) -> String {
        let sign = hundredths < 0 ? "-" : ""
        let value = abs(hundredths)
        let fraction = value % 100
        return "\(sign)\(value / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
