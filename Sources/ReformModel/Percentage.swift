/// Percentages computed from exact integers, rounded half-up to two decimals (docs/contract.md §3.2):
/// `(20000·num + den) div (2·den)` hundredths. Never floating point, never truncation.
public enum Percentage {
    /// Hundredths of a percent of `numerator / denominator`; nil when the denominator is 0.
    public static func hundredths(_ numerator: Int, _ denominator: Int) -> Int? {
        guard denominator > 0, numerator >= 0 else { return nil }
        // In 128 bits: 20000·num passes 64 bits once num passes 4.6·10^14 (a sum of large counts).
        let divisor = 2 * UInt64(denominator)
        var (high, low) = UInt64(20000).multipliedFullWidth(by: UInt64(numerator))
        let (sum, carry) = low.addingReportingOverflow(UInt64(denominator))
        low = sum
        if carry { high += 1 }
        guard high < divisor else { return nil }
        return Int(exactly: divisor.dividingFullWidth((high, low)).quotient)
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
