import ReformSupport

/// Lines over periods as inline SVG: one polyline per series (a gap where a period has no value),
/// the periods along the bottom, each series labelled at its last point and listed in the legend
/// with its last value (colour is never the only signal). Coordinates are written with one decimal,
/// so the same data gives the same bytes.
struct TrendChart {
    struct Series {
        var label: String
        /// One value per period, in hundredths; nil where there is none.
        var values: [Int?]
    }

    var title: String
    var periods: [String]
    var series: [Series]
    /// The top of the vertical scale, in hundredths (100 points: 10000).
    var maximum: Int

    /// Eight line colours that stay apart in grey print too (each line is also labelled).
    static let style =
        ".series .line{fill:none;stroke-width:1.5}.series .axis{font-size:10px;fill:#444}"
        + [
            "#1b4f72", "#b03a2e", "#1e8449", "#7d3c98", "#b9770e", "#117a65", "#515a5a", "#a04000",
        ].enumerated().map { ".series .s\($0.offset){stroke:\($0.element);fill:\($0.element)}" }.joined()
        + ".series text.value{stroke:none}.series .line{fill:none}"

    func svg() -> String {
        let left = 40.0, right = 260.0, top = 30.0, plotHeight = 220.0, plotWidth = 520.0
        let width = left + plotWidth + right, height = top + plotHeight + 40
        func x(_ index: Int) -> Double {
            periods.count < 2 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(periods.count - 1)
        }
        func y(_ value: Int) -> Double {
            top + plotHeight * (1 - Double(min(max(value, 0), maximum)) / Double(max(maximum, 1)))
        }
        func fixed(_ value: Double) -> String { HTML.coordinate(value) }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 \(Int(width)) \(Int(height))" \
            width="100%" class="chart series"><title>\(HTML.escape(title))</title>
            <style>\(Self.style)</style>
            <text x="0" y="16" class="chart-title">\(HTML.escape(title))</text>
            """
        for step in 0...4 {
            let value = maximum * step / 4
            out += "<line x1=\"\(fixed(left))\" y1=\"\(fixed(y(value)))\" x2=\"\(fixed(left + plotWidth))\" "
            out += "y2=\"\(fixed(y(value)))\" class=\"grid\"/>"
            out += "<text x=\"\(fixed(left - 4))\" y=\"\(fixed(y(value) + 4))\" class=\"axis\" text-anchor=\"end\">"
            out += "\(VietnameseFormat.decimal(hundredths: value))</text>"
        }
        for (index, period) in periods.enumerated() {
            out += "<text x=\"\(fixed(x(index)))\" y=\"\(fixed(top + plotHeight + 16))\" class=\"axis\" "
            out += "text-anchor=\"middle\">\(HTML.escape(period))</text>"
        }
        for (number, line) in series.enumerated() {
            // A run of consecutive values is one polyline; a missing period breaks the line.
            var runs: [[String]] = [[]]
            for (index, value) in line.values.enumerated() {
                guard let value else {
                    if !runs[runs.count - 1].isEmpty { runs.append([]) }
                    continue
                }
                runs[runs.count - 1].append("\(fixed(x(index))),\(fixed(y(value)))")
            }
            let css = "line s\(number % 8)"
            for run in runs where run.count > 1 {
                out += "<polyline points=\"\(run.joined(separator: " "))\" class=\"\(css)\"/>"
            }
            for run in runs {
                for point in run {
                    let parts = point.split(separator: ",")
                    out += "<circle cx=\"\(parts[0])\" cy=\"\(parts[1])\" r=\"2\" class=\"dot s\(number % 8)\"/>"
                }
            }
            let last = line.values.last { $0 != nil } ?? nil
            let legendY = top + 12 + Double(number) * 14
            out += "<text x=\"\(fixed(left + plotWidth + 10))\" y=\"\(fixed(legendY))\" class=\"value s\(number % 8)\">"
            out += "\(HTML.escape(String(line.label.prefix(34)))): "
            out += "\(last.map { VietnameseFormat.decimal(hundredths: $0) } ?? "—")</text>"
        }
        return out + "</svg>\n"
    }
}
