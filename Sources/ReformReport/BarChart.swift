import ReformModel
import ReformSupport

/// A horizontal bar chart as inline SVG: a title, one bar per item with its value printed at the
/// end (colour is never the only signal), items without a value shown as "—" with no bar.
public struct BarChart {
    /// One bar.
    public struct Item {
        public var label: String
        /// Hundredths of a percent (0…10000); nil for no value.
        public var hundredths: Int?
        /// A 95% interval drawn as a whisker, when there is one (hundredths).
        public var interval: (low: Int, high: Int)?

        public init(label: String, hundredths: Int?, interval: (low: Int, high: Int)? = nil) {
            self.label = label
            self.hundredths = hundredths
            self.interval = interval
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
        let width = labelWidth + barWidth + 180
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
                var valueX = labelWidth + length + 4
                var text = VietnameseFormat.percent(hundredths: value)
                if let interval = item.interval {
                    let low = labelWidth + barWidth * min(max(interval.low, 0), 10000) / 10000
                    let high = labelWidth + barWidth * min(max(interval.high, 0), 10000) / 10000
                    out += "<line x1=\"\(low)\" y1=\"\(y + 10)\" x2=\"\(high)\" y2=\"\(y + 10)\" class=\"whisker\"/>"
                    out += "<line x1=\"\(low)\" y1=\"\(y + 5)\" x2=\"\(low)\" y2=\"\(y + 15)\" class=\"whisker\"/>"
                    out += "<line x1=\"\(high)\" y1=\"\(y + 5)\" x2=\"\(high)\" y2=\"\(y + 15)\" class=\"whisker\"/>"
                    valueX = max(valueX, high + 4)
                    text +=
                        " (\(VietnameseFormat.percent(hundredths: interval.low)) – \(VietnameseFormat.percent(hundredths: interval.high)))"
                }
                out += "<text x=\"\(valueX)\" y=\"\(y + 14)\" class=\"value\">\(text)</text>\n"
            } else {
                out +=
                    "<text x=\"\(labelWidth + 4)\" y=\"\(y + 14)\" class=\"value\">— (chưa có hồ sơ giải quyết)</text>\n"
            }
        }
        return out + "</svg>"
    }
}
