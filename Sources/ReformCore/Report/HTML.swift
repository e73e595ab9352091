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
}
