import ReformMetrics
import ReformModel
import ReformSupport

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

    /// Hundredths of a percent → `96,5%` (trailing zeros of the decimals dropped: `100%`, `96,55%`;
    /// a fall keeps its sign however small: `-0,5%`); nil → `—` (no value: the denominator is 0).
    public static func percent(hundredths: Int?) -> String {
        guard let hundredths else { return "—" }
        // The sign is written apart: -50 hundredths has a whole part of 0, which has no sign.
        let whole = (hundredths < 0 ? "-" : "") + integer(abs(hundredths) / 100)
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

    /// A reporting period as the form's "Kỳ báo cáo" names it: `Tháng 03/2025`, `Quý I/2025`,
    /// `6 tháng đầu năm 2025`, `9 tháng năm 2025`, `Năm 2025`; a named period under a cut-off day and
    /// a range also give their days (`Quý I/2024 (từ 15/12/2023 đến 14/03/2024)`, `Từ 01/01/2025 đến
    /// 15/01/2025`).
    public static func period(_ period: ReportingPeriod) -> String {
        let days = "từ \(date(period.firstDay)) đến \(date(period.lastDay))"
        let name: String
        switch period.kind {
        case .month: name = "Tháng \(CivilDate.pad(period.number, 2))/\(period.year)"
        case .quarter: name = "Quý \(["I", "II", "III", "IV"][period.number - 1])/\(period.year)"
        case .half: name = "6 tháng \(period.number == 1 ? "đầu" : "cuối") năm \(period.year)"
        case .nineMonths: name = "9 tháng năm \(period.year)"
        case .year: name = "Năm \(period.year)"
        case .range: return "Từ \(date(period.firstDay)) đến \(date(period.lastDay))"
        }
        return period.isCalendarMonth ? name : "\(name) (\(days))"
    }

    /// The counting rules in words, for pages and the form's note.
    public static func counting(_ rules: CountingRules) -> String {
        [
            rules.withdrawn == .separate
                ? "hồ sơ rút, từ chối, dừng xử lý tính riêng"
                : "hồ sơ rút, từ chối, dừng xử lý tính là đã giải quyết đúng hạn",
            rules.noDue == .separate
                ? "hồ sơ không có ngày hẹn trả tính riêng"
                : "hồ sơ không có ngày hẹn trả tính là đúng hạn (đã giải quyết) hoặc trong hạn (đang giải quyết)",
            rules.supplementWaiting == .pending
                ? "hồ sơ chờ bổ sung xét hạn theo ngày hẹn trả" : "hồ sơ chờ bổ sung tính là trong hạn",
            rules.compare == .date ? "so sánh theo ngày" : "so sánh theo thời điểm (giờ, phút)",
            rules.extension == .original
                ? "hồ sơ gia hạn xét hạn theo ngày hẹn trả ban đầu" : "hồ sơ gia hạn xét hạn theo ngày hẹn trả mới",
        ].joined(separator: "; ") + " (\(rules))"
    }

    /// `2025-03` → `03/2025`.
    public static func month(_ month: Month) -> String {
        "\(month.month < 10 ? "0" : "")\(month.month)/\(month.year)"
    }
}
