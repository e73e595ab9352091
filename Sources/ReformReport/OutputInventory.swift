import ReformModel
import ReformSupport
import ReformTabular

#if canImport(Glibc)
    import Glibc
#endif

/// What an output folder holds, read back from the files the stages wrote there — never from a
/// database, because several jobs (each with its own database) write into one folder, and the
/// home page must show all of them the same way whichever job ran last (docs/contract.md §9.1).
///
/// Every folder below the output folder (hidden staging folders and links left out, four levels
/// at most) is listed with every file in it; a folder is recognised by what it holds: a period of
/// Biểu 06 (`provenance.csv` beside `report.html` or `consolidated.html`), a year of indices
/// (`indices.html`), a comparison (`comparison.html`), rejects (`*.rejects.csv`).
public struct OutputInventory {
    /// A folder with the files in it.
    public struct Folder {
        /// The path relative to the output folder (`2025-03`, `audit/current`).
        public var path: String
        /// The plain files in it, by name in byte order.
        public var files: [String]
        /// True when a page in it warns that files were ingested after its figures were computed.
        public var isStale = false
    }

    /// A reporting period of Biểu 06, as its `provenance.csv` and `bieu06_by_unit.csv` give it.
    public struct Period {
        public var folder: Folder
        public var period: ReportingPeriod
        public var counting: CountingRules?
        public var ruleSets: String
        /// The province's counts (every unit row summed); nil when the folder has no unit table.
        public var total: Bieu06Counts?
        /// Each unit's counts, in file order.
        public var units: [UnitCounts]
        /// `name sha256:…` of every input behind the figures.
        public var inputs: [(name: String, sha256: String)]
        /// Files refused whole: name, SHA-256 and the rest of the line (kind and reason).
        public var refused: [(name: String, sha256: String, reason: String)]
    }

    /// One unit's counts in one period.
    public struct UnitCounts {
        public var code: String
        public var name: String
        public var counts: Bieu06Counts
    }

    /// A year of indices: each unit's Decision 766 total, SIPAS and PAR INDEX.
    public struct Year {
        public var folder: Folder
        public var year: Int
        public var units: [YearUnit]
    }

    /// One unit's yearly indices, in hundredths (points or percent); nil where not given.
    public struct YearUnit {
        public var code: String
        public var name: String
        public var score766: Int?
        public var max766: Int?
        public var sipas: Int?
        public var par: Int?
    }

    /// A month-by-month comparison of units (`comparison.csv`).
    public struct Comparison {
        public var folder: Folder
        public var rows: [ComparisonRow]
    }

    /// One unit's month in a comparison.
    public struct ComparisonRow {
        public var month: String
        public var code: String
        public var name: String
        public var decided: Int
        /// Hundredths of a percent; nil without decisions.
        public var rate: Int?
        /// True when the figure was carried across the reorganisation by an estimate.
        public var isEstimate: Bool
    }

    /// Every folder, by path in byte order.
    public private(set) var folders: [Folder] = []
    public private(set) var periods: [Period] = []
    public private(set) var years: [Year] = []
    public private(set) var comparisons: [Comparison] = []
    /// Every `*.rejects.csv` (path relative to the output folder) with its number of rejected rows
    /// (nil when unreadable), by path.
    public private(set) var rejectFiles: [(path: String, rows: Int?)] = []
    /// Files that were listed but could not be read back (named with why).
    public private(set) var problems: [String] = []
    /// True when the walk stopped at `entryLimit` entries.
    public private(set) var isTruncated = false

    /// More entries than a report folder ever holds: a home page over a wrong `--out` (a home
    /// folder) stops here rather than walking a disk.
    static let entryLimit = 20_000
    /// Files larger than this are listed but not read (the stages' own files are far smaller).
    static let readLimit = 256 << 20
    /// More units than any province has (a national file of communes included): a period's or a
    /// year's units beyond it are left out of the trends and tables, so the page and the memory
    /// it takes stay bounded.
    static let unitLimit = 20_000

    /// Reads the folder at `root`.
    public init(root: String) {
        var entries = 0
        walk(root: root, relative: "", depth: 0, entries: &entries)
        folders.sort { Self.bytewise($0.path, $1.path) }
        var listed = folders
        for index in listed.indices { read(&listed[index], root: root) }
        folders = listed
        periods.sort {
            ($0.period.lastDay, $0.period.firstDay, $0.folder.path) > (
                $1.period.lastDay, $1.period.firstDay, $1.folder.path
            )
        }
        years.sort { $0.year > $1.year }
    }

    static func bytewise(_ a: String, _ b: String) -> Bool { Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8)) }

    private mutating func walk(root: String, relative: String, depth: Int, entries: inout Int) {
        let path = relative.isEmpty ? root : root + "/" + relative
        var files: [String] = []
        var subfolders: [String] = []
        for name in FilePath.names(in: path).sorted(by: Self.bytewise) where !name.hasPrefix(".") {
            entries += 1
            if entries > Self.entryLimit {
                isTruncated = true
                break
            }
            var info = stat()
            guard lstat(path + "/" + name, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG: if !(relative.isEmpty && name == "index.html") { files.append(name) }
            case S_IFDIR: subfolders.append(name)
            default: continue  // links, FIFOs, devices: not outputs of reform
            }
        }
        if !relative.isEmpty || !files.isEmpty {
            folders.append(Folder(path: relative.isEmpty ? "." : relative, files: files))
        }
        guard depth < 4 else { return }
        for name in subfolders where !isTruncated {
            walk(
                root: root, relative: relative.isEmpty ? name : relative + "/" + name, depth: depth + 1,
                entries: &entries)
        }
    }

    private mutating func read(_ folder: inout Folder, root: String) {
        let base = folder.path == "." ? root : root + "/" + folder.path
        let names = Set(folder.files)
        for name in folder.files where name.hasSuffix(".rejects.csv") {
            let path = folder.path == "." ? name : folder.path + "/" + name
            rejectFiles.append((path, countRecords(base + "/" + name, path)))
        }
        for page in ["report.html", "indices.html"] where names.contains(page) {
            if Self.head(of: base + "/" + page).contains(HTML.staleMarker) { folder.isStale = true }
        }
        if names.contains("provenance.csv") && (names.contains("report.html") || names.contains("consolidated.html")) {
            if let period = readPeriod(folder, base: base) { periods.append(period) }
        }
        if names.contains("indices.html"), let year = Int(FilePath.lastComponent(of: folder.path)),
            (1900...9999).contains(year)
        {
            years.append(readYear(folder, base: base, year: year))
        }
        if names.contains("comparison.html") && names.contains("comparison.csv") {
            comparisons.append(Comparison(folder: folder, rows: readComparison(base + "/comparison.csv", folder.path)))
        }
    }

    /// Streams the records of a CSV file after its header to `body`, each by column name; stops
    /// when `body` returns false. False when the file is too large or unreadable (named in `problems`).
    @discardableResult
    private mutating func forEachRecord(_ path: String, _ shown: String, _ body: ([String: String]) -> Bool) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        guard Int(info.st_size) <= Self.readLimit else {
            problems.append("\(shown): larger than \(Self.readLimit >> 20) MiB, not read")
            return false
        }
        do {
            var reader = try CSVReader(path: path)
            defer { reader.close() }
            guard try reader.nextRecord() else { return true }
            let header = (0..<reader.fieldCount).map { reader.string($0) }
            while try reader.nextRecord() {
                var row: [String: String] = [:]
                for index in 0..<min(header.count, reader.fieldCount) { row[header[index]] = reader.string(index) }
                if !body(row) { break }
            }
            return true
        } catch {
            problems.append("\(shown): \(error)")
            return false
        }
    }

    /// The records after the header of a CSV file (a rejected row may span lines).
    private mutating func countRecords(_ path: String, _ shown: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, Int(info.st_size) <= Self.readLimit else { return nil }
        do {
            var reader = try CSVReader(path: path)
            defer { reader.close() }
            var count = -1
            while try reader.nextRecord() { count += 1 }
            return max(count, 0)
        } catch {
            problems.append("\(shown): \(error)")
            return nil
        }
    }

    /// The first 64 KiB of a page: its header, where a page says it is stale (a page of a province's
    /// thousands of units is megabytes, and the rest is not needed).
    static func head(of path: String) -> String {
        let file = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard file >= 0 else { return "" }
        defer { close(file) }
        var bytes = [UInt8](repeating: 0, count: 64 << 10)
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(file, $0.baseAddress! + filled, $0.count - filled) }
            if count <= 0 { break }
            filled += count
        }
        return String(decoding: bytes.prefix(filled), as: UTF8.self)
    }

    private mutating func readPeriod(_ folder: Folder, base: String) -> Period? {
        var facts: [String: String] = [:]
        var counting: [String] = []
        var inputs: [(String, String)] = []
        var refused: [(String, String, String)] = []
        var rows = 0
        let read = forEachRecord(base + "/provenance.csv", folder.path + "/provenance.csv") { row in
            // A provenance names a database's inputs: far fewer than this.
            rows += 1
            guard rows <= Self.unitLimit else { return false }
            guard let key = row["key"], let value = row["value"] else { return true }
            switch key {
            case "input":
                let parts = Self.splitHash(value)
                inputs.append((parts.name, parts.sha256))
            case "refused":
                let parts = Self.splitHash(value)
                refused.append((parts.name, parts.sha256, parts.rest))
            case _ where key.hasPrefix("counting."):
                counting.append(String(key.dropFirst("counting.".count)) + "=" + value)
            default: facts[key] = value
            }
            return true
        }
        guard read else { return nil }
        let label = FilePath.lastComponent(of: folder.path)
        let cutoff = facts["cutoff_day"].flatMap { Int($0) } ?? 1
        var period = ReportingPeriod(label: label)
        if let name = facts["period_name"], let named = ReportingPeriod(name: name, cutoffDay: cutoff),
            named.description == label
        {
            period = named
        }
        guard let period else {
            problems.append("\(folder.path): the folder's name is no period")
            return nil
        }
        var total: Bieu06Counts?
        var units: [UnitCounts] = []
        if folder.files.contains("bieu06_by_unit.csv") {
            var sum = Bieu06Counts()
            var tooMany = false
            var unreadable = 0
            let shown = folder.path + "/bieu06_by_unit.csv"
            let read = forEachRecord(base + "/bieu06_by_unit.csv", shown) { row in
                var counts = Bieu06Counts()
                for column in Bieu06Column.allCases {
                    // Bounded as the stored counts are: a sum of many rows never overflows.
                    guard let text = row[column.rawValue], !text.isEmpty else { continue }
                    if let value = Int(text), value.magnitude <= 1 << 40 {
                        counts[column] = value
                    } else {
                        unreadable += 1
                    }
                }
                sum.add(counts)
                if units.count < Self.unitLimit {
                    units.append(UnitCounts(code: row["unit_code"] ?? "", name: row["unit_name"] ?? "", counts: counts))
                } else {
                    tooMany = true
                }
                return true
            }
            if unreadable > 0 {
                problems.append(
                    "\(shown): \(unreadable) count cell\(unreadable == 1 ? " is" : "s are") no count; taken as 0")
            }
            if tooMany {
                problems.append("\(shown): more than \(Self.unitLimit) units; the trends leave its units out")
                units = []
            }
            if read { total = sum }
        }
        var rules: CountingRules?
        if case .success(let parsed) = CountingRules.parse(counting.joined(separator: ",")), !counting.isEmpty {
            rules = parsed
        }
        return Period(
            folder: folder, period: period, counting: rules, ruleSets: facts["rule_sets"] ?? "", total: total,
            units: units, inputs: inputs, refused: refused)
    }

    /// `name sha256:HEX rest` → its parts (a name may hold spaces: the hash is found from the end).
    static func splitHash(_ value: String) -> (name: String, sha256: String, rest: String) {
        let bytes = Array(value.utf8), marker = Array(" sha256:".utf8)
        guard bytes.count >= marker.count,
            let start = (0...bytes.count - marker.count).reversed().first(where: {
                bytes[$0..<$0 + marker.count].elementsEqual(marker)
            })
        else { return (value, "", "") }
        let name = String(decoding: bytes[..<start], as: UTF8.self)
        let after = Substring(String(decoding: bytes[(start + marker.count)...], as: UTF8.self))
        let hash = after.prefix { $0 != " " }
        return (name, String(hash), String(after.dropFirst(hash.count).drop { $0 == " " }))
    }

    private mutating func readYear(_ folder: Folder, base: String, year: Int) -> Year {
        var units: [String: YearUnit] = [:]
        var order: [String] = []
        func unit(_ row: [String: String]) -> String? {
            guard let code = row["unit_code"], !code.isEmpty else { return nil }
            let key = code + "\u{1F}" + (row["unit_name"] ?? "")
            if units[key] == nil {
                guard order.count < Self.unitLimit else { return nil }
                units[key] = YearUnit(code: code, name: row["unit_name"] ?? "")
                order.append(key)
            }
            return key
        }
        let files = Set(folder.files)
        if files.contains("index766_by_unit.csv") {
            forEachRecord(base + "/index766_by_unit.csv", folder.path + "/index766_by_unit.csv") { row in
                // The file also holds the months' and quarters' scores (period 2025-03, 2025-Q1): the year's only.
                guard row["period"] == String(year), row["criterion"] == "total", let key = unit(row) else {
                    return true
                }
                units[key]?.score766 = Self.hundredths(row["score"])
                units[key]?.max766 = Self.hundredths(row["max_points"])
                return true
            }
        }
        if files.contains("sipas_by_unit.csv") {
            forEachRecord(base + "/sipas_by_unit.csv", folder.path + "/sipas_by_unit.csv") { row in
                guard row["year"] == String(year), row["element"] == "overall", let key = unit(row) else { return true }
                units[key]?.sipas = Self.hundredths(row["index"])
                return true
            }
        }
        if files.contains("par_index.csv") {
            forEachRecord(base + "/par_index.csv", folder.path + "/par_index.csv") { row in
                guard row["year"] == String(year), row["field"] == "total", let key = unit(row) else { return true }
                units[key]?.par = Self.hundredths(row["index"])
                return true
            }
        }
        return Year(folder: folder, year: year, units: order.map { units[$0]! })
    }

    private mutating func readComparison(_ path: String, _ shown: String) -> [ComparisonRow] {
        var rows: [ComparisonRow] = []
        var tooMany = false
        forEachRecord(path, shown + "/comparison.csv") { row in
            guard let month = row["period"], let code = row["unit_code"] else { return true }
            guard rows.count < Self.unitLimit * TrendTable.periodLimit else {
                tooMany = true
                return false
            }
            rows.append(
                ComparisonRow(
                    month: month, code: code, name: row["unit_name"] ?? "",
                    decided: Int(row["decided"] ?? "").map { min(max($0, 0), 1 << 40) } ?? 0,
                    rate: Self.hundredths(row["rate"]), isEstimate: row["estimate"] == "yes"))
            return true
        }
        if tooMany {
            problems.append("\(shown)/comparison.csv: more rows than a province has units and months; not shown")
            return []
        }
        return rows
    }

    /// `92.11` → 9211, `-3.5` → -350; nil for an empty or unreadable text.
    static func hundredths(_ text: String?) -> Int? {
        guard var text, !text.isEmpty else { return nil }
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = Int(parts[0]), whole < 1_000_000_000 else { return nil }
        var fraction = 0
        if parts.count == 2 {
            let digits = parts[1].prefix(2)
            guard !digits.isEmpty, let value = Int(digits), digits.allSatisfy(\.isASCII) else { return nil }
            fraction = digits.count == 1 ? value * 10 : value
        }
        let value = whole * 100 + fraction
        return negative ? -value : value
    }
}
