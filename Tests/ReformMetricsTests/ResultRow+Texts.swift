import ReformModel

extension ResultRow {
    /// The row's values as the contract writes them (plain numbers, two decimals, `yes`/`no`),
    /// worked out here rather than by the report's writer, so the figures are checked on their own.
    var texts: [String] {
        zip(Self.fields, values).map { field, value in
            switch value {
            case .absent: return ""
            case .text(let text): return text
            case .integer(let number):
                switch field.kind {
                case .hundredths: return Percentage.plain(number)
                case .tenThousandths: return Points.text(number)
                case .flag: return number != 0 ? "yes" : "no"
                case .text, .year, .integer, .writtenNumber: return String(number)
                }
            }
        }
    }
}
