import ReformModel
import ReformStore
import ReformSupport

/// One row of the Biểu 06 form: the dossier counts of one unit (or field) for one period, its
/// columns declared by `Bieu06Column`.
public struct Bieu06Row: Equatable, Sendable {
    /// `unit_code` or field name; empty for dossiers without a field.
    public var key: String
    /// The unit's name (empty for field rows).
    public var name: String
    /// The counts, by column.
    public var counts = Bieu06Counts()

    public init(key: String, name: String, counts: Bieu06Counts = Bieu06Counts()) {
        self.key = key
        self.name = name
        self.counts = counts
    }

    /// The count of `column`.
    @inlinable
    public subscript(column: Bieu06Column) -> Int {
        get { counts[column] }
        set { counts[column] = newValue }
    }

    /// (early + on time) / (early + on time + late), in hundredths of a percent; nil without decisions.
    public var onTimeRateHundredths: Int? { counts.onTimeRateHundredths }

    /// The row's columns (3)…(13) of the official form.
    public var form: FormCounts { FormCounts(counts) }

    /// The form's identities that hold within one row (`Bieu06Column.identities`); each broken one
    /// with its two sides.
    public func brokenIdentities() -> [IdentityViolation] {
        counts.brokenIdentities.map {
            IdentityViolation(key: key, identity: $0.identity, left: $0.left, right: $0.right)
        }
    }

    /// What one dossier adds to the form of the period [`start`, `end`) (day numbers) under
    /// `rules`: its columns as a row of ones, or nil when it is in none of them (docs/contract.md
    /// §3.1, §9). `dossier.status` is the stored lifecycle class (1 resolved, 6 not accepted).
    @inline(__always)
    static func contribution(
        _ dossier: DossierFacts, rules: CountingRules = CountingRules(), periodStart s: Int, periodEnd e: Int
    ) -> Bieu06Row? {
        var add = Bieu06Row(key: "", name: "")
        let received = dossier.receivedDay, due = dossier.dueDay
        if dossier.status == LifecycleClass.notAccepted.rawValue {
            guard received >= s && received < e else { return nil }
            add[.notAccepted] = 1
            return add
        }
        guard received < e && (dossier.endDay == nil || dossier.endDay! >= s) else { return nil }
        add[.total] = 1
        if received >= s {
            if dossier.channel == Channel.online.rawValue {
                add[.newOnline] = 1
                if dossier.onlineMode == OnlineMode.full.rawValue {
                    add[.newOnlineFull] = 1
                } else if dossier.onlineMode == OnlineMode.partial.rawValue {
                    add[.newOnlinePartial] = 1
                }
            } else {
                add[.newDirectPostal] = 1
            }
        } else {
            add[.carriedIn] = 1
        }
        if due == nil { add[.noDue] = 1 }
        if dossier.extended { add[.extended] = 1 }
        if let end = dossier.endDay, end < e {
            if dossier.status == LifecycleClass.resolved.rawValue {
                add[.resolved] = 1
                if let due {
                    switch judge(end: end, due: due, dossier: dossier, compare: rules.compare) {
                    case .early: add[.early] = 1
                    case .onTime: add[.onTime] = 1
                    case .late:
                        add[.late] = 1
                        if dossier.apology { add[.lateWithApology] = 1 }
                    }
                } else if rules.noDue == .onTime {
                    add[.onTime] = 1
                } else {
                    add[.resolvedNoDue] = 1
                }
            } else if rules.withdrawn == .onTime {
                add[.resolved] = 1
                add[.onTime] = 1
            } else {
                add[.withdrawnRejected] = 1
            }
        } else {
            add[.pending] = 1
            if dossier.waitingSupplement && rules.supplementWaiting == .within {
                add[.pendingWithin] = 1
            } else if let due {
                if due >= e { add[.pendingWithin] = 1 } else { add[.pendingOverdue] = 1 }
            } else if rules.noDue == .onTime {
                add[.pendingWithin] = 1
            } else {
                add[.pendingNoDue] = 1
            }
        }
        return add
    }

    /// How a resolved dossier's completion stands against its appointment.
    enum Timeliness { case early, onTime, late }

    /// Early, on time or late: by calendar day, or (`compare=instant`) late when completed after
    /// the appointment instant — an appointment at midnight, as a date without a time is stored,
    /// meaning the end of that day — and early only when completed on an earlier day.
    static func judge(end: Int, due: Int, dossier: DossierFacts, compare: CountingRules.Compare) -> Timeliness {
        if end < due { return .early }
        if end > due { return .late }
        guard compare == .instant, let endAt = dossier.endAt, let dueAt = dossier.dueAt else { return .onTime }
        let dueDayStart = Int64(due) * 86400 - CivilDate.vietnamOffsetSeconds
        let dueInstant = dueAt == dueDayStart ? dueDayStart + 86399 : dueAt
        return endAt > dueInstant ? .late : .onTime
    }

    /// `rows` summed column by column under `key` and `name`: a total or subtotal line.
    public static func sum(_ rows: some Sequence<Bieu06Row>, key: String = "", name: String = "") -> Bieu06Row {
        var total = Bieu06Row(key: key, name: name)
        for row in rows { total.add(row) }
        return total
    }

    /// Adds another row's counts (for totals).
    @inlinable
    public mutating func add(_ other: Bieu06Row) { counts.add(other.counts) }
}

/// What the form needs of a dossier: plain values only, so that the counting loop copies no
/// references (the dossier's id and names stay behind).
struct DossierFacts {
    var status: Int
    var channel: Int
    var receivedDay: Int
    var dueDay: Int?
    var endDay: Int?
    var apology: Bool
    var dueAt: Int64?
    var endAt: Int64?
    var waitingSupplement: Bool
    var onlineMode: Int
    var extended: Bool

    init(_ dossier: CountedDossier) {
        status = dossier.status
        channel = dossier.channel
        receivedDay = dossier.receivedDay
        dueDay = dossier.dueDay
        endDay = dossier.endDay
        apology = dossier.apology
        dueAt = dossier.dueAt
        endAt = dossier.endAt
        waitingSupplement = dossier.waitingSupplement
        onlineMode = dossier.onlineMode
        extended = dossier.extended
    }
}

/// A Biểu 06 identity that does not hold: reported, never patched.
public struct IdentityViolation: Equatable, Sendable {
    /// The unit code or field of the row.
    public var key: String
    /// The identity, as an equation.
    public var identity: String
    public var left: Int
    public var right: Int
    /// Every stored value.
    public init(key: String, identity: String, left: Int, right: Int) {
        self.key = key
        self.identity = identity
        self.left = left
        self.right = right
    }
}
