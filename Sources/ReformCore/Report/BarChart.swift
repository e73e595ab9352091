/// A horizontal bar chart as inline SVG: a title, one bar per item with its value printed at the
/// end (colour is never the only signal), items without a value shown as "—" with no bar.
public struct BarChart {
    /// One bar.
    public struct Item {
        public var label: String
        /// Hundredths of a percent (0…10000); nil for no value.
        public var hundredths: Int?

        public init(label: String, hundredths: Int?) {
            self.label = label
            self.hundredths = hundredths
        }
    }

    public var title: String
    public var items: [Item]

    public init(title: String, items: [Item]) {
        self.title = title
        self.items = items
    }

    /// The SVG element.
    public func svg() -> String {
        let rowHeight = 20, labelWidth = 230, barWidth = 460, top = 34
        let width = labelWidth + barWidth + 80
        let height = top + rowHeight * max(items.count, 1) + 24
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 \(width) \(height)" width="100%" \
            aria-labelledby="chart-title" class="chart">
            <title id="chart-title">\(HTML.escape(title))</title>
            <text x="0" y="16" class="chart-title">\(HTML.escape(title))</text>

            """
        for tick in stride(from: 0, through: 100, by: 25) {
            let x = labelWidth + barWidth * tick / 100
            out += "<line x1=\"\(x)\" y1=\"\(top - 6)\" x2=\"\(x)\" y2=\"\(height - 20)\" class=\"grid\"/>"
            out += "<text x=\"\(x)\" y=\"\(height - 6)\" class=\"tick\">\(tick)%</text>\n"
        }
        for (index, item) in items.enumerated() {
            let y = top + index * rowHeight
            out += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" class=\"label\">\(HTML.escape(item.label))</text>"
            if let value = item.hundredths {
                let length = barWidth * min(max(value, 0), 10000) / 10000
                out +=
                    "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(length)\" height=\"\(rowHeight - 6)\" class=\"bar\"/>"
                out += "<text x=\"\(labelWidth + length + 4)\" y=\"\(y + 14)\" class=\"value\">"
                out += "\(VietnameseFormat.percent(hundredths: value))</text>\n"
            } else {
                out +=
                    "<text x=\"\(labelWidth + 4)\" y=\"\(y + 14)\" class=\"value\">— (chưa có hồ sơ giải quyết)</text>\n"
            }
        }
        return out + "</svg>"
    }
}
