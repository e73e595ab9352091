import FoundationEssentials
import ReformSupport

/// Points of the PAR INDEX: decimals with a point or a comma (`95,7`), kept exactly as whole
/// ten-thousandths (up to four decimals; more is refused rather than rounded silently).
public enum Points {
    /// Ten-thousandths of `text`; empty is 0; nil for negative or malformed values.
    public static func parse(_ text: String) -> Int? {
        if text.isEmpty { return 0 }
        let normalised = text.replacing(",", with: ".")
        let parts = normalised.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.count <= 6,
            whole.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 4, fraction.allSatisfy({ $0.isASCII && $0.isNumber }),
            parts.count == 1 || !fraction.isEmpty
        else {
            return nil
        }
        fraction += String(repeating: "0", count: 4 - fraction.count)
        return Int(whole)! * 10000 + Int(fraction)!
    }

    /// Like `parse`, with an optional leading minus or plus sign (bonus and penalty points).
    public static func parseSigned(_ text: String) -> Int? {
        if let sign = text.first, sign == "-" || sign == "+" || sign == "−" {
            let rest = String(text.dropFirst())
            guard !rest.isEmpty, let magnitude = parse(rest) else { return nil }
            return sign == "+" ? magnitude : -magnitude
        }
        return parse(text)
    }

    /// Two-decimal text of ten-thousandths, half-up (`957000` → `95.70`).
    public static func text(_ tenThousandths: Int) -> String {
        Percentage.plain(hundredths(tenThousandths))
    }

    /// Ten-thousandths rounded half-up to hundredths, as points are shown (`957050` → `9571`).
    /// A penalty rounds the same way by its size (`-957050` → `-9571`).
    public static func hundredths(_ tenThousandths: Int) -> Int {
        tenThousandths >= 0 ? (tenThousandths + 50) / 100 : -((50 - tenThousandths) / 100)
    }
}
