import ReformSupport

/// How a dossier was submitted. Raw values are the national sync codes (`KenhThucHien`).
public enum Channel: Int, Sendable, CaseIterable {
    case direct = 1
    case online = 2
    case postal = 3
}

/// How an online receipt was made, where the export says (docs/contract.md §2): the portal's split of
/// online receipt into fully online ("toàn trình": filed, paid and answered online) and partly online
/// ("một phần"). Raw values are stored.
public enum OnlineMode: Int, Sendable, CaseIterable {
    /// Not online, or online without the export saying which.
    case unspecified = 0
    case full = 1
    case partial = 2
}

/// The lifecycle class of a dossier's status (docs/contract.md §2).
public enum LifecycleClass: Int, Sendable, CaseIterable {
    case resolved = 1
    case withdrawn = 2
    case rejected = 3
    case stopped = 4
    case pending = 5
    case notAccepted = 6

    /// Resolved, withdrawn, rejected and stopped dossiers have ended.
    public var isTerminal: Bool { self != .pending && self != .notAccepted }
}

/// The spellings exports use for channel, status and apology, matched after NFC, trimming and
/// case folding. Unknown spellings are not guessed: the row is rejected and the spelling can be
/// added here once someone has confirmed what it means.
public enum DossierValues {
    package static let channels: [String: ChannelReading] = table([
        // Online: filing through the VNeID application (Decree 367/2025) and smart kiosks (Decree
        // 309/2026) are online receipts; the portal's fully and partly online (toàn trình, một phần)
        // say which kind.
        (
            ChannelReading(.online),
            ["online", "Trực tuyến", "2", "VNeID", "Ứng dụng VNeID", "Ki-ốt", "Kiosk"]
        ),
        (ChannelReading(.online, .full), ["Trực tuyến toàn trình", "online_full"]),
        (ChannelReading(.online, .partial), ["Trực tuyến một phần", "online_partial"]),
        (ChannelReading(.direct), ["direct", "Trực tiếp", "1", ""]),
        (ChannelReading(.postal), ["postal", "Bưu chính", "Bưu chính công ích", "BCCI", "3"]),
    ])

    /// The spellings of the optional online-mode column: fully or partly online (the levels 4 and 3
    /// of online public services before Decree 42/2022 named them so); empty says nothing.
    package static let onlineModes: [String: OnlineMode] = table([
        (.full, ["full", "toàn trình", "Trực tuyến toàn trình", "DVC toàn trình", "Mức độ 4", "4"]),
        (.partial, ["partial", "một phần", "Trực tuyến một phần", "DVC một phần", "Mức độ 3", "3"]),
        (.unspecified, [""]),
    ])

    package static let statuses: [String: LifecycleClass] = table([
        (.resolved, ["resolved", "completed", "returned", "Đã xử lý xong", "Đã trả kết quả", "Hoàn thành", "9", "10"]),
        (.withdrawn, ["withdrawn", "Rút hồ sơ", "Công dân yêu cầu rút hồ sơ", "7"]),
        (.rejected, ["rejected", "Từ chối"]),
        // "Thông báo dừng giải quyết" is form 05 of Circular 03/2025/TT-VPCP.
        (.stopped, ["stopped", "Dừng xử lý", "Dừng giải quyết", "Thông báo dừng giải quyết", "8"]),
        (
            .pending,
            [
                "pending", "received", "processing", "waiting_supplement", "waiting_payment", "Đang xử lý",
                "Được tiếp nhận", "Yêu cầu bổ sung giấy tờ", "Yêu cầu thực hiện nghĩa vụ tài chính", "2", "4", "5", "6",
            ]
        ),
        (.notAccepted, ["not_accepted", "submitted", "Mới đăng ký", "Không được tiếp nhận", "1", "3"]),
    ])

    /// The pending statuses that mean the dossier waits for the applicant's supplements (the
    /// national sync code 5, "Yêu cầu bổ sung giấy tờ"): the `supplement_waiting` counting rule.
    package static let waitingSupplement: Set<String> = Set(
        ["waiting_supplement", "Yêu cầu bổ sung giấy tờ", "5"].map(TextKey.matchKey))

    package static let yesNo: [String: Bool] = table([
        (true, ["Có", "x", "1", "true", "yes"]),
        (false, ["Không", "0", "false", "no", ""]),
    ])

    private static func table<V>(_ groups: [(V, [String])]) -> [String: V] {
        var result: [String: V] = [:]
        for (value, spellings) in groups {
            for spelling in spellings { result[TextKey.matchKey(spelling)] = value }
        }
        return result
    }

    /// The channel a spelling means; nil when unknown.
    public static func channel(_ text: String) -> Channel? { channels[TextKey.matchKey(text)]?.channel }
    /// The channel a spelling means, with the online mode it states; nil when unknown.
    public static func channelReading(_ text: String) -> ChannelReading? { channels[TextKey.matchKey(text)] }
    /// The online mode a spelling of the online-mode column means; nil when unknown.
    public static func onlineMode(_ text: String) -> OnlineMode? { onlineModes[TextKey.matchKey(text)] }
    /// The lifecycle class a status spelling means; nil when unknown (empty is decided by dates).
    public static func status(_ text: String) -> LifecycleClass? { statuses[TextKey.matchKey(text)] }
    /// The lifecycle class a status spelling means and whether it waits for supplements; nil when unknown.
    public static func statusReading(_ text: String) -> (LifecycleClass, waitingSupplement: Bool)? {
        let key = TextKey.matchKey(text)
        return statuses[key].map { ($0, waitingSupplement.contains(key)) }
    }
    /// The yes/no an apology spelling means; nil when unknown.
    public static func yesNo(_ text: String) -> Bool? { yesNo[TextKey.matchKey(text)] }
}

/// What a channel spelling says: the channel, and for an online one whether it was fully or partly online.
public struct ChannelReading: Equatable, Sendable {
    public var channel: Channel
    public var onlineMode: OnlineMode

    public init(_ channel: Channel, _ onlineMode: OnlineMode = .unspecified) {
        self.channel = channel
        self.onlineMode = onlineMode
    }
}

/// Memoises a byte-spelling → value lookup: exports repeat a handful of spellings millions of
/// times, and normalising each occurrence would dominate the cost of ingest.
@frozen public struct SpellingCache<Value> {
    @usableFromInline var cache = ByteTable<Value?>()
    @usableFromInline let lookup: (String) -> Value?

    @inlinable public init(_ lookup: @escaping (String) -> Value?) {
        self.lookup = lookup
    }

    /// Looks the raw bytes up without copying them; only a new spelling is copied into the cache.
    /// Inlinable, so Ingest specialises it for its value types.
    @inlinable public mutating func value(_ bytes: ArraySlice<UInt8>) -> Value? {
        if let known = cache.value(for: bytes) { return known }
        let found = lookup(TextKey.value(bytes))
        if cache.count < 10_000 { cache.append(bytes, found) }
        return found
    }
}
