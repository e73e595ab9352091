import ReformIngest
import ReformModel
import ReformSupport
import ReformTabular

/// The simulated life of one dossier: the truth the sample exports are snapshots of.
public struct SampleDossier {
    /// How the dossier's life ends.
    public enum Outcome: Equatable {
        case resolved, withdrawn, rejected, stopped, notAccepted, stillPending
    }

    public var id: String
    public var unit: Int
    public var procedure: Int
    public var channel: Channel
    /// Vietnam wall-clock minutes since 1970-01-01 00:00 (local), to keep arithmetic in whole minutes.
    public var received: Int
    /// Vietnam day number of the appointment; nil for the few procedures exported without one.
    public var dueDay: Int?
    public var outcome: Outcome
    /// When processing ended (resolved: result ready; others: terminal event), local minutes.
    public var completed: Int?
    /// When the result was handed over (resolved only), local minutes.
    public var returned: Int?
    /// A late dossier whose unit sent an apology letter.
    public var apology: Bool
    /// A supplementation request was pending at some snapshot (shown as that status).
    public var supplement: Bool
    /// Decision 766 flags (payment, digitisation, e-result, reuse, supplements, complaint).
    public var services = ServiceFlags()
    /// Fully or partly online (an online dossier of a procedure offered so).
    public var onlineMode = OnlineMode.unspecified
    /// The appointment after an extension (a late dossier whose unit asked for more time).
    public var extendedDueDay: Int?

    /// A number fixed by the id alone (FNV-1a): what the id decides does not draw from the
    /// generator, so adding such a property leaves every other sample value where it was.
    var idHash: Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(hash >> 33)
    }

    /// The online service the sample catalogue lists for the procedure at `procedureIndex`: fully
    /// online, partly online and none in turn.
    public static func offeredMode(procedureIndex: Int) -> OnlineMode? {
        [OnlineMode.full, .partial, nil][procedureIndex % 3]
    }

    /// Decides, from the id alone, how an online dossier was filed (what its procedure offers; one
    /// in five of those offered fully online filed partly) and whether a late one had its
    /// appointment extended (one in three, to its completion day or the day after).
    mutating func decideOnlineModeAndExtension() {
        let hash = idHash
        if channel == .online, let offered = Self.offeredMode(procedureIndex: procedure) {
            onlineMode = offered == .full && hash % 5 == 0 ? .partial : offered
        }
        if outcome == .resolved, let due = dueDay, let completed, completed / 1440 > due, hash % 3 == 0 {
            extendedDueDay = completed / 1440 + (hash / 3) % 2
        }
    }

    /// The state an export taken at local minute `at` shows; nil when not yet received.
    public func snapshot(at: Int) -> Snapshot? {
        guard received <= at else { return nil }
        if outcome == .notAccepted {
            return Snapshot(state: .notAccepted, completed: nil, returned: nil, apology: false)
        }
        let lateKnown = dueDay.map { at / 1440 >= $0 } ?? false
        guard let completed, completed <= at else {
            return Snapshot(
                state: supplement ? .supplement : .processing, completed: nil, returned: nil,
                apology: apology && lateKnown)
        }
        switch outcome {
        case .resolved:
            let handedOver = returned.map { $0 <= at } ?? false
            return Snapshot(
                state: handedOver ? .returned : .resolved, completed: completed, returned: handedOver ? returned : nil,
                apology: apology)
        case .withdrawn: return Snapshot(state: .withdrawn, completed: completed, returned: nil, apology: false)
        case .rejected: return Snapshot(state: .rejected, completed: completed, returned: nil, apology: false)
        case .stopped: return Snapshot(state: .stopped, completed: completed, returned: nil, apology: false)
        case .notAccepted, .stillPending:
            return Snapshot(state: .processing, completed: nil, returned: nil, apology: false)
        }
    }

    /// What one export says about the dossier.
    public struct Snapshot: Equatable {
        public enum State: Equatable {
            case notAccepted, processing, supplement, resolved, returned, withdrawn, rejected, stopped
        }
        public var state: State
        public var completed: Int?
        public var returned: Int?
        public var apology: Bool
    }
}
