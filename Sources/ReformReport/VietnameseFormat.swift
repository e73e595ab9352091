import ReformMetrics
import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

/// Number formatting for Vietnamese readers: `.` groups thousands, `,` marks decimals
/// (`1.204`, `96,5%`). CSV files never use it; they carry plain numbers.
public enum VietnameseFormat {
    /// `1204` → `1.204`.
    public static func integer(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(".") }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// Hundredths of a percent → `96,5%` (trailing zeros of the decimals dropped: `100%`, `96,55%`);
    /// nil → `—` (no value: the denominator is 0).
    public static func percent(hundredths: Int?) -> String {
        guard let hundredths else { return "—" }
        let whole = integer(hundredths / 100)
        var fraction = abs(hundredths % 100)
        if fraction == 0 { return "\(whole)%" }
        var decimals = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        if fraction % 10 == 0 {
            fraction /= 10
            decimals = "\(fraction)"
        }
        return "\(whole),\(decimals)%"
    }

    /// Hundredths → `4,5` / `12` / `3,25` (decimal comma, trailing zeros dropped).
    public static func decimal(hundredths: Int) -> String {
        String(percent(hundredths: hundredths).dropLast())
    }

    /// `dd/MM/yyyy` of a day number.
    public static func date(_ day: Int) -> String {
        let (y, m, d) = CivilDate.civil(day)
        return "\(CivilDate.pad(d, 2))/\(CivilDate.pad(m, 2))/\(y)"
    }

    /// `2025-03` → `03/2025`.
    public static func month(_ month: Month) -> String {
        "\(month.month < 10 ? "0" : "")\(month.month)/\(month.year)"
    }
}
