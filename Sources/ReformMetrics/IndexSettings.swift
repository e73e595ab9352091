import FoundationEssentials
import ReformModel
import ReformStore
import ReformSupport

/// Every weight, target and maximum of the yearly indices (docs/contract.md §5): defaults here, replaced
/// key by key by the `indices` object of a pipeline definition (Pipelines/yearly-index.json).
public struct IndexSettings: Sendable {
    /// A Decision 766 criterion: its maximum points and target (hundredths; target nil = score R × max).
    public struct Criterion: Sendable, Equatable {
        public var code: String
        public var maxHundredths: Int
        public var targetHundredths: Int?
    }

    /// The criteria in output order. Group 3's 12 points go to "3", the fully online ratio the
    /// national portal scores; 3.3 (online receipt) is reported without points unless a definition
    /// gives it some (docs/contract.md §5).
    public var criteria: [Criterion] = [
        Criterion(code: "2.1", maxHundredths: 2000, targetHundredths: nil),
        Criterion(code: "3", maxHundredths: 1200, targetHundredths: nil),
        Criterion(code: "3.3", maxHundredths: 0, targetHundredths: 5000),
        Criterion(code: "3.6", maxHundredths: 600, targetHundredths: 10000),
        Criterion(code: "4.1", maxHundredths: 600, targetHundredths: 10000),
        Criterion(code: "4.2", maxHundredths: 400, targetHundredths: 8000),
        Criterion(code: "4.3", maxHundredths: 200, targetHundredths: 8000),
        Criterion(code: "5.4", maxHundredths: 600, targetHundredths: 9000),
    ]
    /// The z of the 95% Wilson intervals.
    public var z = 1.959964
    /// PAR INDEX class thresholds (hundredths of a percent), highest first.
    public var classes: [(name: String, minimumHundredths: Int)] = [("A", 9000), ("B", 8000), ("C", 7000)]
    /// The class below every threshold.
    public var lowestClass = "D"
    /// Published delegation rates as written ("37.4", "94").
    public var published: [String: String] = [:]
    /// Which appointment criterion 2.1 judges an extended dossier by: the counting rule
    /// `extension` of the definition (or `--counting`), so the index and the form agree.
    public var `extension`: CountingRules.Extension = .original

    public init() {}

    /// Reads the `indices` object: `{"766": {"2.1": {"max": 20}, "3.3": {"max": 12, "target": 50}},
    /// "sipas": {"z": 1.959964}, "par_classes": {"A": 90, "B": 80, "C": 70, "D": 0},
    /// "published": {"plan_coverage": "37.4"}}`.
    package init(json: [String: Any], fail: (String) -> Error) throws {
        for key in json.keys where !["766", "sipas", "par_classes", "published"].contains(key) {
            throw fail("has an unknown key \"\(key)\" (known: 766, sipas, par_classes, published)")
        }
        func hundredths(_ value: Any?, _ what: String) throws -> Int {
            // Points and percentages: anything beyond 10,000 is a typing slip (and 1e308 would
            // not even fit an integer).
            guard let number = JSONNumber.double(value), number.isFinite, number >= 0, number <= 10_000 else {
                throw fail("\(what) must be a number from 0 to 10000")
            }
            return Int((number * 100).rounded())
        }
        if let criteria = json["766"] as? [String: Any] {
            for (code, value) in criteria {
                guard let index = self.criteria.firstIndex(where: { $0.code == code }),
                    let object = value as? [String: Any]
                else {
                    let codes = self.criteria.map(\.code).joined(separator: ", ")
                    throw fail("766: unknown criterion \"\(code)\" (computable: \(codes))")
                }
                if object["max"] != nil {
                    self.criteria[index].maxHundredths = try hundredths(object["max"], "766 \(code) max")
                }
                if object["target"] != nil {
                    let target = try hundredths(object["target"], "766 \(code) target")
                    guard target > 0 else { throw fail("766 \(code) target must be above 0") }
                    self.criteria[index].targetHundredths = target
                }
            }
        } else if json["766"] != nil {
            throw fail("766 must be an object of criteria")
        }
        if let sipas = json["sipas"] as? [String: Any], let z = sipas["z"] {
            guard let number = JSONNumber.double(z), number.isFinite, number > 0, number <= 10 else {
                throw fail("sipas z must be a number above 0 and at most 10 (1.959964 for 95%)")
            }
            self.z = number
        }
        if let classes = json["par_classes"] as? [String: Any] {
            var list: [(String, Int)] = []
            for (name, value) in classes { list.append((name, try hundredths(value, "par_classes \(name)"))) }
            list.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }  // a total order, whatever the JSON order
            guard let lowest = list.last else { throw fail("par_classes must name at least one class") }
            self.lowestClass = lowest.0
            self.classes = Array(list.dropLast())
        }
        if let published = json["published"] as? [String: String] {
            for key in published.keys where !DelegationCoverage.measures.contains(key) {
                throw fail("published: unknown measure \"\(key)\"")
            }
            self.published = published
        } else if json["published"] != nil {
            throw fail("published must map measures to rates written as strings (\"94\")")
        }
    }
}
