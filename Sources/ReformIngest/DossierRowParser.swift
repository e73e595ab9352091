import ReformModel
import ReformStore
import ReformSupport
import ReformTabular

#if canImport(Glibc)
    import Glibc
#endif

/// Validates the records of one dossier export against docs/contract.md §2 and turns them into
/// `DossierRecord`s. It reads only the contract's columns: personal-data and unknown columns are
/// checked for NUL bytes and UTF-8 (a broken record is refused whole) but their values are never
/// decoded or kept.
public struct DossierRowParser {
    private let header: DossierHeader
    private var channels = SpellingCache(DossierValues.channelReading)
    private var onlineModes = SpellingCache(DossierValues.onlineMode)
    private var statuses = SpellingCache(DossierValues.statusReading)
    private var yesNo = SpellingCache(DossierValues.yesNo)
    private var names = TextCache(.name)
    private var codes = TextCache(.code)

    /// The latest receipt, completion or return instant accepted (epoch seconds): an export
    /// cannot record events after it was written, so a year typed as 2205 is a bad date, not a
    /// report for February 2205. Due dates may lie ahead, up to `dueDateHorizon` beyond it.
    let latestEvent: Int64
    /// How far past `latestEvent` an appointment may be (a year: statutory times are months at most).
    static let dueDateHorizon: Int64 = 366 * 86_400

    /// A parser for records under `header`, accepting events up to `latestEvent` (by default two
    /// days after now, for clocks and time zones).
    public init(header: DossierHeader, latestEvent: Int64 = DossierRowParser.defaultLatestEvent()) {
        self.header = header
        self.latestEvent = latestEvent
    }

    /// Two days after now.
    public static func defaultLatestEvent() -> Int64 {
        Int64(time(nil)) + 2 * 86_400
    }

    private func isEmpty(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { DateParser.isSpace($0) || $0 == 0x0A || $0 == 0x0D }
    }

    private func text(_ reader: CSVReader, _ column: DossierColumn) -> String {
        guard let index = header[column] else { return "" }
        return TextKey.value(reader.field(index))
    }

    /// Text of a name column whose values repeat (names of units, procedures, fields), with any
    /// personal data masked.
    private mutating func repeatedName(_ reader: CSVReader, _ column: DossierColumn) -> String {
        guard let index = header[column] else { return "" }
        return names.value(reader.field(index)) ?? ""
    }

    /// Text of a code column whose values repeat; nil when it holds personal data.
    private mutating func repeatedCode(_ reader: CSVReader, _ column: DossierColumn) -> String? {
        guard let index = header[column] else { return "" }
        return codes.value(reader.field(index))
    }

    private func name(_ column: DossierColumn) -> String {
        header[column].map { header.names[$0] } ?? column.rawValue
    }

    /// The dossier id and unit code when they are readable, for the rejects file.
    private func identity(_ reader: CSVReader) -> (String, String) {
        func readable(_ column: DossierColumn) -> String {
            guard let index = header[column], index < reader.fieldCount else { return "" }
            let bytes = reader.field(index)
            guard bytes.count <= 256, !bytes.contains(0), UTF8Validation.isValid(bytes) else { return "" }
            return PersonalData.safeKey(TextKey.value(bytes))
        }
        return (readable(.dossierID), readable(.unitCode))
    }

    /// A non-negative whole number (empty is 0); nil otherwise.
    static func count(_ bytes: ArraySlice<UInt8>) -> Int? {
        let text = TextKey.value(bytes)
        if text.isEmpty { return 0 }
        guard text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// Validates the reader's current record.
    public mutating func parse(_ reader: CSVReader) -> ParsedRow {
        let parser = self
        func reject(_ reason: RejectReason, _ column: String) -> ParsedRow {
            let (id, unit) = parser.identity(reader)
            return .rejected(RowRejection(reason: reason, column: column, dossierID: id, unitCode: unit))
        }
        let names = header.names
        func fieldName(_ index: Int) -> String { index < names.count ? names[index] : "" }
        if reader.containsNUL {
            let index = (0..<reader.fieldCount).first { reader.field($0).contains(0) } ?? 0
            return reject(.nulByte, fieldName(index))
        }
        if reader.mayHoldInvalidUTF8 {
            if let index = (0..<reader.fieldCount).first(where: { !UTF8Validation.isValid(reader.field($0)) }) {
                return reject(.invalidUTF8, fieldName(index))
            }
        }
        if reader.isTooLarge { return reject(.recordTooLarge, "") }
        if reader.isUnterminated { return reject(.unterminatedQuote, "") }
        if reader.fieldCount != header.names.count { return reject(.fieldCount, "") }

        // Empty means empty once normalised exactly as stored (spaces, control characters trimmed).
        for column in DossierColumn.allCases where column.isRequired {
            if TextKey.value(reader.field(header[column]!)).isEmpty { return reject(.missingValue, name(column)) }
        }
        // Optionals, not a dictionary: this runs for every record of every export.
        var dates: (received: Int64?, due: Int64?, completed: Int64?, returned: Int64?) = (nil, nil, nil, nil)
        var appointments: (original: Int64?, extended: Int64?) = (nil, nil)
        for column in Self.dateColumns {
            guard let index = header[column] else { continue }
            let bytes = reader.field(index)
            if isEmpty(bytes) { continue }
            guard let seconds = DateParser.parse(bytes) else { return reject(.badDate, name(column)) }
            let isAppointment = column == .dueAt || column == .originalDueAt || column == .extendedDueAt
            let latest = isAppointment ? latestEvent + Self.dueDateHorizon : latestEvent
            if seconds > latest { return reject(.badDate, name(column)) }
            switch column {
            case .receivedAt: dates.received = seconds
            case .dueAt: dates.due = seconds
            case .completedAt: dates.completed = seconds
            case .returnedAt: dates.returned = seconds
            case .originalDueAt: appointments.original = seconds
            default: appointments.extended = seconds
            }
        }
        var channel = Channel.direct
        var onlineMode = OnlineMode.unspecified
        if let index = header[.channel] {
            guard let value = channels.value(reader.field(index)) else { return reject(.badChannel, name(.channel)) }
            (channel, onlineMode) = (value.channel, value.onlineMode)
        }
        if let index = header[.onlineMode] {
            guard let mode = onlineModes.value(reader.field(index)) else { return reject(.badValue, name(.onlineMode)) }
            if mode != .unspecified {
                // Fully or partly online means received online: a channel saying otherwise, or the
                // channel's spelling naming the other mode, contradicts it, and neither is guessed.
                if header[.channel] == nil { channel = .online }
                if channel != .online || (onlineMode != .unspecified && onlineMode != mode) {
                    return reject(.badValue, name(.onlineMode))
                }
                onlineMode = mode
            }
        }
        var extendedFlag = false
        if let index = header[.extended] {
            guard let value = yesNo.value(reader.field(index)) else { return reject(.badValue, name(.extended)) }
            extendedFlag = value
        }
        let appointment: Appointment
        switch Self.appointment(due: dates.due, original: appointments.original, extended: appointments.extended) {
        case .success(let found): appointment = found
        case .failure(let conflict): return reject(.badValue, name(conflict.column))
        }
        var apology = false
        if let index = header[.apology] {
            guard let value = yesNo.value(reader.field(index)) else { return reject(.badValue, name(.apology)) }
            apology = value
        }
        var services = ServiceFlags()
        for column in [DossierColumn.onlinePayment, .digitized, .eResult, .reusedData] {
            guard let index = header[column] else { continue }
            guard let value = yesNo.value(reader.field(index)) else { return reject(.badValue, name(column)) }
            switch column {
            case .onlinePayment: services.onlinePayment = value
            case .digitized: services.digitized = value
            case .eResult: services.eResult = value
            default: services.reusedData = value
            }
        }
        for column in [DossierColumn.supplementCount, .supplementDays] {
            guard let index = header[column] else { continue }
            guard let value = Self.count(reader.field(index)) else { return reject(.badValue, name(column)) }
            if column == .supplementCount { services.supplementCount = value } else { services.supplementDays = value }
        }
        if let index = header[.complaint] {
            // Yes/no, or a count of complaints (any above zero is a yes).
            if let value = yesNo.value(reader.field(index)) {
                services.complaint = value
            } else if let count = Self.count(reader.field(index)) {
                services.complaint = count > 0
            } else {
                return reject(.badValue, name(.complaint))
            }
        }
        let completedAt = dates.completed, returnedAt = dates.returned
        let hasCompletion = completedAt != nil || returnedAt != nil
        var status: LifecycleClass = hasCompletion ? .resolved : .pending
        var waitingSupplement = false
        if let index = header[.status], !isEmpty(reader.field(index)) {
            guard let value = statuses.value(reader.field(index)) else { return reject(.badStatus, name(.status)) }
            (status, waitingSupplement) = value
        }
        let receivedAt = dates.received!
        let receivedDay = CivilDate.vietnamDay(ofEpochSeconds: receivedAt)
        for (column, at) in [(DossierColumn.completedAt, completedAt), (.returnedAt, returnedAt)] {
            if let at, CivilDate.vietnamDay(ofEpochSeconds: at) < receivedDay {
                var refused = reject(.completedBeforeReceived, name(column))
                if case .rejected(var rejection) = refused {
                    rejection.receivedDay = receivedDay
                    refused = .rejected(rejection)
                }
                return refused
            }
        }
        if status.isTerminal && !hasCompletion { return reject(.terminalWithoutDate, name(.status)) }
        if status == .pending && hasCompletion {
            return reject(.pendingWithCompletion, name(completedAt != nil ? .completedAt : .returnedAt))
        }
        // Codes are stored and printed: one holding a phone, ID number or e-mail refuses the row.
        let dossierID = text(reader, .dossierID)
        if PersonalData.contains(dossierID.utf8) { return reject(.personalData, name(.dossierID)) }
        guard let procedureCode = repeatedCode(reader, .procedureCode) else {
            return reject(.personalData, name(.procedureCode))
        }
        guard let unitCode = repeatedCode(reader, .unitCode) else { return reject(.personalData, name(.unitCode)) }
        guard let receivingUnitCode = repeatedCode(reader, .receivingUnitCode) else {
            return reject(.personalData, name(.receivingUnitCode))
        }
        var record = DossierRecord(
            dossierID: dossierID,
            procedureCode: procedureCode,
            procedureName: repeatedName(reader, .procedureName),
            field: repeatedName(reader, .field),
            unitCode: unitCode,
            unitName: repeatedName(reader, .unitName),
            receivingUnitCode: receivingUnitCode,
            channel: channel,
            status: status,
            apology: apology,
            receivedAt: receivedAt,
            dueAt: appointment.due,
            completedAt: completedAt,
            returnedAt: returnedAt, services: services)
        record.waitingSupplement = waitingSupplement
        record.onlineMode = onlineMode
        record.extendedDueAt = appointment.extended
        record.extended = extendedFlag || appointment.extended != nil || appointment.onlyExtended
        return .accepted(record)
    }

    /// The date columns, read in this order.
    private static let dateColumns: [DossierColumn] = [
        .receivedAt, .dueAt, .completedAt, .returnedAt, .originalDueAt, .extendedDueAt,
    ]

    /// A dossier's appointment: the original one (which the default rules judge by) and, after an
    /// extension, the new one.
    struct Appointment: Equatable {
        var due: Int64?
        var extended: Int64?
        /// True when the export gives only the new appointment: it is then the only one known.
        var onlyExtended = false
    }

    /// Why the appointment columns disagree: the column holding the date that cannot be.
    struct AppointmentConflict: Error, Equatable {
        var column: DossierColumn
    }

    /// The appointments of `due` (the export's appointment column), `original` and `extended` (the
    /// columns of an extension, docs/contract.md §2): with an original date, it is the appointment
    /// and a later date in the others is the extended one; with only a new date beside the
    /// appointment column, the appointment column holds the original. A new date on an earlier day
    /// than the original is refused (an extension lengthens the time); one on the same day is no
    /// extension.
    static func appointment(due: Int64?, original: Int64?, extended: Int64?) -> Result<Appointment, AppointmentConflict>
    {
        func day(_ at: Int64) -> Int { CivilDate.vietnamDay(ofEpochSeconds: at) }
        let first = original ?? due
        let later = original != nil ? (extended ?? due) : extended
        guard let first else {
            // Only the new date: the original is not known, so the new one is the appointment.
            return .success(Appointment(due: later, extended: nil, onlyExtended: later != nil))
        }
        guard let later, day(later) != day(first) else { return .success(Appointment(due: first, extended: nil)) }
        if day(later) < day(first) {
            return .failure(AppointmentConflict(column: extended != nil ? .extendedDueAt : .dueAt))
        }
        return .success(Appointment(due: first, extended: later))
    }
}
