import ReformModel
import ReformSupport
import ReformTabular

/// `provenance.csv` beside a period's outputs: what the figures were computed from and how — the
/// period's days, the counting rules, the rule sets and every input file with its SHA-256 — so an
/// auditor holding only the folder can say which rule counted a dossier where (docs/contract.md §9).
public enum ProvenanceCSV {
    /// The file's bytes: `key,value` rows.
    public static func file(period: ReportingPeriod, quality: DataQuality) -> [UInt8] {
        var writer = CSVWriter(header: ["key", "value"])
        var rows: [(String, String)] = [
            ("period", period.description), ("period_name", period.name),
            ("first_day", CivilDate.isoString(period.firstDay)),
            ("last_day", CivilDate.isoString(period.lastDay)),
        ]
        if period.kind != .range { rows.append(("cutoff_day", String(period.cutoffDay))) }
        rows += quality.counting.settings.map { ("counting." + $0.key, $0.value) }
        rows.append(("rule_sets", quality.ruleSet))
        for input in quality.inputs { rows.append(("input", "\(input.fileName) sha256:\(input.sha256)")) }
        // Files refused whole: not behind the figures, and listed so that nobody takes them to be.
        for file in quality.refused {
            rows.append(("refused", "\(file.fileName) sha256:\(file.sha256) kind:\(file.kind) \(file.reason)"))
        }
        for (key, value) in rows { writer.writeRow([.text(key), .text(value)]) }
        return writer.bytes
    }
}
