import ReformSupport

/// One accepted dossier row, typed and normalised: what the store keeps.
public struct DossierRecord: Equatable, Sendable {
    public var dossierID: String
    public var procedureCode: String
    public var procedureName: String
    /// The field (lĩnh vực); empty when the export has none.
    public var field: String
    /// The resolving unit.
    public var unitCode: String
    public var unitName: String
    /// The receiving unit; empty when the export has none.
    public var receivingUnitCode: String
    public var channel: Channel
    public var status: LifecycleClass
    public var apology: Bool
    /// UTC epoch seconds.
    public var receivedAt: Int64
    public var dueAt: Int64?
    public var completedAt: Int64?
    public var returnedAt: Int64?
    /// Decision 766 flags and counts (all no / 0 when the export does not have them).
    public var services = ServiceFlags()
    /// True when the status says the dossier waits for the applicant's supplements (pending).
    public var waitingSupplement = false
    /// Fully or partly online, when the export says (only for an online dossier).
    public var onlineMode = OnlineMode.unspecified
    /// The appointment after an extension (form 04 of Circular 03/2025/TT-VPCP), when the export
    /// gives it apart from the original one, which `dueAt` keeps (docs/contract.md §2).
    public var extendedDueAt: Int64? = nil
    /// True when the appointment was extended: a later new date, or the export's extension flag.
    public var extended = false

    /// Vietnam calendar day of receipt.
    public var receivedDay: Int { CivilDate.vietnamDay(ofEpochSeconds: receivedAt) }
    /// Vietnam calendar day of the appointment, if any.
    public var dueDay: Int? { dueAt.map(CivilDate.vietnamDay(ofEpochSeconds:)) }
    /// Vietnam calendar day of the extended appointment, if any.
    public var extendedDueDay: Int? { extendedDueAt.map(CivilDate.vietnamDay(ofEpochSeconds:)) }
    /// Completion: completed_at, else returned_at (docs/contract.md §3).
    public var completionAt: Int64? { completedAt ?? returnedAt }
    /// The day a terminal dossier ended (its completion); nil while it has not ended.
    /// A dossier with every stored value.
    public init(
        dossierID: String, procedureCode: String, procedureName: String, field: String, unitCode: String,
        unitName: String, receivingUnitCode: String, channel: Channel, status: LifecycleClass, apology: Bool,
        receivedAt: Int64, dueAt: Int64?, completedAt: Int64?, returnedAt: Int64?,
        services: ServiceFlags = ServiceFlags()
    ) {
        self.dossierID = dossierID
        self.procedureCode = procedureCode
        self.procedureName = procedureName
        self.field = field
        self.unitCode = unitCode
        self.unitName = unitName
        self.receivingUnitCode = receivingUnitCode
        self.channel = channel
        self.status = status
        self.apology = apology
        self.receivedAt = receivedAt
        self.dueAt = dueAt
        self.completedAt = completedAt
        self.returnedAt = returnedAt
        self.services = services
    }

    public var endDay: Int? {
        guard status.isTerminal, let at = completionAt else { return nil }
        return CivilDate.vietnamDay(ofEpochSeconds: at)
    }
}

/// The optional columns Decision 766 criteria are computed from (docs/contract.md §5).
public struct ServiceFlags: Equatable, Sendable {
    public var onlinePayment = false
    public var digitized = false
    public var eResult = false
    public var reusedData = false
    /// Supplementation requests; two or more make a resolved dossier late under criterion 2.1.
    public var supplementCount = 0
    /// Calendar days spent waiting for supplements, taken off the completion date under 2.1.
    public var supplementDays = 0
    public var complaint = false

    public init() {}
}

/// The outcome of validating one record: a dossier, or the reason it is refused.
public enum ParsedRow {
    case accepted(DossierRecord)
    case rejected(RowRejection)
}

/// A refused record, as written to the rejects file: never the row itself (it may hold personal data).
public struct RowRejection: Equatable, Sendable {
    public var reason: RejectReason
    /// The header of the column concerned, as the file spells it; empty for whole-record problems.
    public var column: String
    /// The dossier id when it could be read.
    public var dossierID: String
    /// The resolving unit's code when it could be read (audits count refusals per unit).
    public var unitCode: String
    /// The Vietnam day of receipt when it could be read (audits count refusals by receipt month).
    public var receivedDay: Int? = nil

    /// A refusal; `dossierID` and `unitCode` must already be safe to write (`PersonalData.safeKey`).
    public init(reason: RejectReason, column: String, dossierID: String, unitCode: String, receivedDay: Int? = nil) {
        self.reason = reason
        self.column = column
        self.dossierID = dossierID
        self.unitCode = unitCode
        self.receivedDay = receivedDay
    }
}
