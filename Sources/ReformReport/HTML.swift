import ReformMetrics
import ReformModel
import ReformSupport

/// Minimal HTML building with escaping of every data value (unit names come from exports and may
/// hold anything, `<script>` included).
public enum HTML {
    /// Escapes text for element content and quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// A table cell; `numeric` cells are right-aligned.
    public static func cell(_ text: String, numeric: Bool = false, header: Bool = false) -> String {
        let tag = header ? "th" : "td"
        return "<\(tag)\(numeric ? " class=\"n\"" : "")>\(escape(text))</\(tag)>"
    }

    /// The start of every report page, up to and including `<body>`: self-contained (inline
    /// style, no script, no external asset), in Vietnamese, with an A4 print stylesheet; `head` is
    /// added at the end of `<head>`.
    public static func documentStart(title: String, head: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>\(style)</style>\(head)
        </head>
        <body>
        """
    }

    /// `path` (relative, `/`-separated) as a link target: every byte but letters, digits, `-._~/`
    /// percent-encoded, so a name with a space, `#`, `?` or Vietnamese letters still links.
    public static func href(_ path: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(byte)
            default: out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// An SVG coordinate with one decimal (`12.5`): the same data gives the same bytes, and the
    /// charts need no finer step.
    static func coordinate(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    /// The attribute of a page's warning that files were ingested after its figures were computed:
    /// the home page finds stale folders by it (the pages are all it reads back).
    public static let staleMarker = "id=\"stale\""

    /// The pages' stylesheet.
    static let style = """
        body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:24px;color:#1b1b1b;font-size:14px}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #2b5d8a}
        h3{font-size:15px;margin:18px 0 6px}.sub{color:#444;margin:2px 0}
        .warn{border:2px solid #b00020;padding:8px;font-weight:bold}
        table{border-collapse:collapse;width:100%;font-size:12px}th,td{border:1px solid #999;padding:3px 5px}
        th{background:#e8eef4;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        tfoot th{text-align:right}tfoot th:first-child{text-align:left}
        table.narrow{width:auto}td.hash{font-family:monospace;font-size:10px;word-break:break-all}
        .cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
        .card{border:1px solid #999;padding:10px 14px;min-width:160px}.card .v{font-size:22px;font-weight:700}
        .card .l{color:#444}
        .chart{max-width:780px}.chart-title{font-size:13px;font-weight:600}.label{font-size:11px;text-anchor:end}
        .value{font-size:11px}.tick{font-size:10px;text-anchor:middle;fill:#444}.grid{stroke:#ccc}
        .bar{fill:#2b5d8a}.whisker{stroke:#111;stroke-width:1.5}tr.total td{font-weight:700;background:#f3f6f9}
        @media print{@page{size:A4 landscape;margin:12mm}body{margin:0;font-size:10px}table{font-size:9px}
        section{break-inside:avoid-page}h2{break-after:avoid}}
        """
}
