/// A small line over periods as inline SVG, for a table cell: one polyline per unbroken run (a
/// period without a value or a break between two periods splits the line), a dot at every value,
/// a hollow dot where the value is an estimate, the last value drawn stronger. Coordinates have
/// one decimal, so the same values give the same bytes.
struct Sparkline {
    /// One value per period; nil where there is none.
    var values: [Int?]
    /// The top of the scale (the bottom is 0).
    var maximum: Int
    /// Indices `i` where period `i − 1` and `i` must not be joined.
    var breaks: Set<Int> = []
    var estimates: Set<Int> = []
    /// Read by screen readers and shown as the tooltip.
    var title: String

    static let width = 120.0, height = 28.0

    /// The sparklines' stylesheet (added once per page).
    static let style =
        ".spark{vertical-align:middle}.spark polyline{fill:none;stroke:#1b4f72;stroke-width:1.2}"
        + ".spark circle{fill:#1b4f72}.spark circle.est{fill:#fff;stroke:#1b4f72}.spark circle.last{fill:#b03a2e}"
        + ".spark line.break{stroke:#b03a2e;stroke-dasharray:2 2}"

    func svg() -> String {
        let pad = 3.0
        func x(_ index: Int) -> Double {
            values.count < 2
                ? Self.width / 2 : pad + (Self.width - 2 * pad) * Double(index) / Double(values.count - 1)
        }
        func y(_ value: Int) -> Double {
            let top = Double(max(maximum, 1))
            return pad + (Self.height - 2 * pad) * (1 - Double(min(max(value, 0), max(maximum, 1))) / top)
        }
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\" width=\"\(Int(Self.width))\" "
            + "height=\"\(Int(Self.height))\" viewBox=\"0 0 \(Int(Self.width)) \(Int(Self.height))\" role=\"img\">"
            + "<title>\(HTML.escape(title))</title>"
        var runs: [[Int]] = [[]]
        for (index, value) in values.enumerated() {
            if value == nil || breaks.contains(index) {
                if !runs[runs.count - 1].isEmpty { runs.append([]) }
            }
            if value != nil { runs[runs.count - 1].append(index) }
        }
        for index in breaks.sorted() where index > 0 && index < values.count {
            let between = (x(index - 1) + x(index)) / 2
            out += "<line class=\"break\" x1=\"\(Self.fixed(between))\" y1=\"0\" x2=\"\(Self.fixed(between))\" "
            out += "y2=\"\(Int(Self.height))\"/>"
        }
        for run in runs where run.count > 1 {
            let points = run.map { "\(Self.fixed(x($0))),\(Self.fixed(y(values[$0]!)))" }
            out += "<polyline points=\"\(points.joined(separator: " "))\"/>"
        }
        let last = values.indices.last { values[$0] != nil }
        for run in runs {
            for index in run {
                let kind = index == last ? " class=\"last\"" : estimates.contains(index) ? " class=\"est\"" : ""
                out +=
                    "<circle cx=\"\(Self.fixed(x(index)))\" cy=\"\(Self.fixed(y(values[index]!)))\" r=\"1.8\"\(kind)/>"
            }
        }
        return out + "</svg>"
    }

    static func fixed(_ value: Double) -> String { HTML.coordinate(value) }
}
