/// JSON's `null` among parsed values (which are `Any`: objects, arrays, strings, numbers, booleans).
public struct JSONNull: Equatable, Sendable {
    public init() {}
}

/// Numbers among parsed JSON values.
public enum JSONNumber {
    /// The number `value` holds, whether written as a whole number (`Int`) or not (`Double`);
    /// nil for anything else, booleans included.
    public static func double(_ value: Any?) -> Double? {
        if let whole = value as? Int { return Double(whole) }
        return value as? Double
    }
}
