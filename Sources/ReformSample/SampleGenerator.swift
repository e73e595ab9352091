import FoundationEssentials
import ReformCalendar
import ReformIngest
import ReformMetrics
import ReformModel
import ReformSupport
import ReformTabular

#if canImport(Glibc)
    import Glibc
#endif

/// Generates realistic one-stop dossier exports from reference lists (units, procedures), the same
/// bytes for the same seed on every machine.
///
/// Each month's dossiers are simulated once (receipt, appointment in working days, outcome); each
/// export is a snapshot taken on the 3rd of the following month holding the month's receipts
/// and every earlier dossier whose state changed since the previous export (re-exports update
/// earlier dossiers). Personal-data columns carry invented names, phones and addresses (with
/// commas and line breaks inside quotes, as real exports have), and a few bad rows are planted.
public struct SampleGenerator {
    /// A resolving unit of the reference list.
    public struct Unit {
        public var code: String
        public var name: String
        /// Relative dossier volume.
        public var weight: Int
        /// Percentage of resolved dossiers that end late.
        public var latePercent: Double
    }

    /// A procedure of the reference list.
    public struct Procedure {
        public var code: String
        public var name: String
        public var field: String
        public var workingDays: Int
        public var weight: Int
    }

    public private(set) var units: [Unit]
    /// After a reorganisation: the day it took effect and the index of the first unit in force from
    /// then on (units before that index are the old ones). Nil: one unit list throughout.
    public private(set) var reform: (day: Int, firstUnit: Int)?
    /// Audit samples: on-time completions spread evenly over the working days up to the appointment,
    /// and every late result with an apology letter, so clean data gives auditors nothing to flag.
    var evenCompletions = false
    public let procedures: [Procedure]
    var random: SeededRandom
    /// Draws the mixed style's headers apart from the rows, so row values do not shift with them.
    var randomForStyles: SeededRandom
    /// Spelling turns of the mixed style, continued from file to file.
    var rotation = Rotation()
    var sequence = 0

    /// A generator over reference lists read from `unitsPath` and `proceduresPath`.
    /// Appointment dates are computed with this calendar, as the one-stop system would.
    let calendar: WorkingCalendar
    /// Dossiers whose appointment was planted later (`true`) or earlier than the statute allows.
    public internal(set) var plantedAppointments: [(id: String, later: Bool)] = []

    public init(
        unitsPath: String, proceduresPath: String, seed: UInt64, calendarFolder: String? = "Pipelines/calendars"
    ) throws {
        calendar = WorkingCalendar(folder: calendarFolder)
        var random = SeededRandom(seed: seed)
        units = try CSVReader.recordsByName(path: unitsPath).map { row in
            let urban = row["type"] == "Quận"
            return Unit(
                code: row["code"] ?? "", name: row["name"] ?? "", weight: urban ? 3 : 2,
                latePercent: Double(random.int(2...18)))
        }
        procedures = try CSVReader.recordsByName(path: proceduresPath).map { row in
            Procedure(
                code: row["procedure_code"] ?? "", name: row["procedure_name"] ?? "", field: row["field"] ?? "",
                workingDays: Int(row["statutory_time"] ?? "") ?? 5, weight: Int(row["weight"] ?? "") ?? 1)
        }
        guard !units.isEmpty, !procedures.isEmpty else {
            throw SampleError.emptyReference("the reference lists \(unitsPath) and \(proceduresPath) must not be empty")
        }
        self.random = random
        self.randomForStyles = SeededRandom(seed: seed ^ 0x5EED)
    }

    /// Adds the communes of a unit list that takes effect on `day` (a reorganisation): dossiers
    /// received from that day on go to them, earlier ones to the units read at init.
    public mutating func addReformUnits(path: String, day: Int) throws {
        let communes = try CSVReader.recordsByName(path: path).filter { ($0["level"] ?? "commune") == "commune" }.map {
            row in
            Unit(
                code: row["code"] ?? "", name: row["name"] ?? "", weight: row["type"] == "Phường" ? 3 : 2,
                latePercent: Double(random.int(2...18)))
        }
        guard !communes.isEmpty else { throw SampleError.emptyReference("the unit list \(path) has no commune") }
        reform = (day, units.count)
        units += communes
    }

    /// The indices of the units in force on `day`.
    func unitIndices(on day: Int) -> Range<Int> {
        guard let reform else { return 0..<units.count }
        return day >= reform.day ? reform.firstUnit..<units.count : 0..<reform.firstUnit
    }

    /// Simulates the dossiers received in `month`, about `count` of them.
    public mutating func simulate(month: Month, count: Int) throws -> [SampleDossier] {
        let inForce = unitIndices(on: month.firstDay)
        let unitWeights = units.indices.map { inForce.contains($0) ? units[$0].weight : 0 }
        let procedureWeights = procedures.map(\.weight)
        var dossiers: [SampleDossier] = []
        dossiers.reserveCapacity(count)
        let days = month.endDay - month.firstDay
        for _ in 0..<count {
            let unit = random.weighted(unitWeights), procedure = random.weighted(procedureWeights)
            let channel: Channel = random.chance(55) ? .online : (random.chance(90) ? .direct : .postal)
            var day = month.firstDay + random.int(0...(days - 1))
            // Desks work Monday to Friday (day 0 was a Thursday); online filings arrive any day.
            let weekday = (day + 3) % 7  // 0 = Monday
            if weekday >= 5 && !(channel == .online && random.chance(30)) { day -= weekday - 4 }
            let minuteOfDay = channel == .online ? random.int(0...1439) : random.int(450...1050)
            let received = day * 1440 + minuteOfDay
            sequence += 1
            let (y, m, d) = CivilDate.civil(day)
            let id =
                "\(units[unit].code).H26-\(CivilDate.pad(y % 100, 2))\(CivilDate.pad(m, 2))\(CivilDate.pad(d, 2))-"
                + CivilDate.pad(sequence, 6)
            let dueDay: Int? =
                random.chance(1.5) ? nil : try calendar.addWorkingDays(procedures[procedure].workingDays, to: day)
            var dossier = SampleDossier(
                id: id, unit: unit, procedure: procedure, channel: channel, received: received, dueDay: dueDay,
                outcome: .resolved, completed: nil, returned: nil, apology: false, supplement: random.chance(8))
            dossier.services.onlinePayment = channel == .online && random.chance(70)
            dossier.services.digitized = random.chance(78)
            dossier.services.eResult = random.chance(62)
            dossier.services.reusedData = random.chance(35)
            if dossier.supplement {
                dossier.services.supplementCount = random.chance(20) ? 2 : 1
                dossier.services.supplementDays = random.int(1...6)
            }
            dossier.services.complaint = random.chance(2)
            let roll = random.int(0...999)
            if channel == .online && roll < 25 {
                dossier.outcome = .notAccepted
            } else if roll < 40 {
                dossier.outcome = .withdrawn
            } else if roll < 50 {
                dossier.outcome = .rejected
            } else if roll < 55 {
                dossier.outcome = .stopped
            } else if roll < 70 {
                dossier.outcome = .stillPending
            }
            switch dossier.outcome {
            case .resolved:
                let target = try dueDay ?? calendar.addWorkingDays(procedures[procedure].workingDays, to: day)
                var endDay: Int
                if random.chance(units[unit].latePercent) {
                    endDay = target + random.int(1...12)
                    dossier.apology = evenCompletions || random.chance(60)
                } else if evenCompletions {
                    let steps = try calendar.workingDays(from: day, to: target)
                    let step = random.int(0...max(steps, 0))
                    endDay = step == 0 ? day : try calendar.addWorkingDays(step, to: day)
                } else if random.chance(75) && target > day {
                    endDay = day + random.int(0...(target - day - 1))
                } else {
                    endDay = target
                }
                endDay = max(endDay, day)
                var completed = endDay * 1440 + random.int(450...1020)
                if completed <= received { completed = received + random.int(20...120) }
                dossier.completed = completed
                dossier.returned = random.chance(85) ? completed + random.int(0...3) * 1440 + random.int(0...240) : nil
            case .withdrawn, .rejected, .stopped:
                dossier.completed = received + random.int(1...12) * 1440 + random.int(0...300)
            case .notAccepted, .stillPending:
                break
            }
            dossier.decideOnlineModeAndExtension()
            dossiers.append(dossier)
        }
        return dossiers.sorted { $0.received < $1.received }
    }

    /// Plants appointment dates that break the statute in `dossiers` (received in one month):
    /// three set later than the statutory due day, with completions between the two dates (on
    /// time by the appointment, late by the law: hidden lateness), and one set earlier.
    mutating func plantAppointments(in dossiers: inout [SampleDossier]) throws {
        let candidates = dossiers.indices.filter { dossiers[$0].outcome == .resolved && dossiers[$0].dueDay != nil }
        guard candidates.count >= 8 else { return }
        for (turn, index) in [
            candidates[candidates.count / 8], candidates[candidates.count * 3 / 8],
            candidates[candidates.count * 5 / 8], candidates[candidates.count * 7 / 8],
        ].enumerated() {
            let statutory = dossiers[index].dueDay!
            let receivedDay = dossiers[index].received / 1440
            dossiers[index].extendedDueDay = nil
            if turn < 3 {
                dossiers[index].dueDay = try calendar.addWorkingDays(random.int(2...6), to: statutory)
                let completion = try calendar.addWorkingDays(1, to: statutory)
                dossiers[index].completed = completion * 1440 + random.int(480...1000)
                dossiers[index].returned = dossiers[index].completed! + random.int(10...200)
                dossiers[index].apology = false
                plantedAppointments.append((dossiers[index].id, true))
            } else if statutory > receivedDay {
                dossiers[index].dueDay = statutory - 1
                plantedAppointments.append((dossiers[index].id, false))
            }
        }
    }

    /// The local minute an export for `month` is taken: the start of the 4th of the next month.
    public static func snapshotMinute(after month: Month) -> Int { (month.endDay + 3) * 1440 }

    // MARK: Writing

    /// Encodes one export file with `planted` bad rows spread through it (one per reason in turn).
    public mutating func export(
        _ rows: [(SampleDossier, SampleDossier.Snapshot)], style: ExportStyle, planted: [RejectReason]
    ) -> [UInt8] {
        var out: [UInt8] = style.byteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        out += Array((style.columns.map { Self.quote($0.header) }.joined(separator: ",") + style.lineEnd).utf8)
        let end = Array(style.lineEnd.utf8)
        let every = planted.isEmpty ? Int.max : max(rows.count / planted.count, 1)
        var next = 0
        for (index, (dossier, snapshot)) in rows.enumerated() {
            out += Array(line(dossier, snapshot, style: style).utf8) + end
            if index % every == every / 2, next < planted.count {
                out += badRow(dossier, style: style, reason: planted[next]) + end
                next += 1
            }
        }
        return out
    }

    mutating func line(_ dossier: SampleDossier, _ snapshot: SampleDossier.Snapshot, style: ExportStyle) -> String {
        values(dossier, snapshot, style: style).map(Self.quote).joined(separator: ",")
    }

    mutating func values(_ dossier: SampleDossier, _ snapshot: SampleDossier.Snapshot, style: ExportStyle) -> [String] {
        var values: [String] = []
        let unit = units[dossier.unit], procedure = procedures[dossier.procedure]
        for (column, _, personal) in style.columns {
            if let personal {
                values.append(personalValue(personal))
                continue
            }
            guard let column else {
                values.append(random.chance(10) ? "Đã liên hệ, hẹn bổ sung" : "")
                continue
            }
            switch column {
            case .dossierID: values.append(dossier.id)
            case .procedureCode: values.append(procedure.code)
            case .procedureName: values.append(procedure.name)
            case .field: values.append(procedure.field)
            case .unitCode: values.append(unit.code)
            case .unitName: values.append(unit.name)
            case .receivingUnitCode:
                let inForce = unitIndices(on: dossier.received / 1440)
                values.append(
                    random.chance(5) ? units[random.int(inForce.lowerBound...(inForce.upperBound - 1))].code : unit.code
                )
            case .channel: values.append(style.channel(dossier, random: &random, rotation: &rotation))
            case .receivedAt: values.append(style.format(minutes: dossier.received, dateOnly: false, random: &random))
            case .completedAt:
                values.append(
                    snapshot.completed.map { style.format(minutes: $0, dateOnly: false, random: &random) } ?? "")
            case .returnedAt:
                values.append(
                    snapshot.returned.map { style.format(minutes: $0, dateOnly: false, random: &random) } ?? "")
            case .status: values.append(style.status(snapshot.state, random: &random, rotation: &rotation))
            case .apology: values.append(style.apology(snapshot.apology, random: &random, rotation: &rotation))
            case .onlinePayment:
                values.append(style.apology(dossier.services.onlinePayment, random: &random, rotation: &rotation))
            case .digitized:
                values.append(style.apology(dossier.services.digitized, random: &random, rotation: &rotation))
            case .eResult: values.append(style.apology(dossier.services.eResult, random: &random, rotation: &rotation))
            case .reusedData:
                values.append(style.apology(dossier.services.reusedData, random: &random, rotation: &rotation))
            case .supplementCount: values.append(String(dossier.services.supplementCount))
            case .supplementDays: values.append(String(dossier.services.supplementDays))
            case .complaint:
                values.append(style.apology(dossier.services.complaint, random: &random, rotation: &rotation))
            case .onlineMode: values.append(style.onlineMode(dossier, rotation: &rotation))
            case .dueAt, .originalDueAt, .extendedDueAt:
                let day = style.appointment(column, of: dossier)
                values.append(day.map { style.format(minutes: $0 * 1440, dateOnly: true, random: &random) } ?? "")
            case .extended:
                values.append(
                    style.apology(dossier.extendedDueDay != nil, random: &random, rotation: &rotation))
            }
        }
        return values
    }

    /// A row one-stop staff would have to fix; `reason` says which mistake. Returns raw bytes
    /// (some mistakes are not valid UTF-8 text).
    mutating func badRow(_ near: SampleDossier, style: ExportStyle, reason: RejectReason) -> [UInt8] {
        sequence += 1
        var dossier = near
        dossier.id = "\(units[near.unit].code).H26-LOI-\(CivilDate.pad(sequence, 6))"
        let pending = SampleDossier.Snapshot(state: .processing, completed: nil, returned: nil, apology: false)
        func index(_ column: DossierColumn) -> Int? { style.columns.firstIndex { $0.column == column } }
        let personal = style.columns.firstIndex { $0.personal != nil } ?? 0
        var snapshot = pending
        switch reason {
        case .completedBeforeReceived:
            snapshot = .init(state: .returned, completed: dossier.received - 3 * 1440, returned: nil, apology: false)
        case .terminalWithoutDate:
            snapshot = .init(state: .resolved, completed: nil, returned: nil, apology: false)
        case .pendingWithCompletion:
            snapshot = .init(state: .supplement, completed: dossier.received + 1440, returned: nil, apology: false)
        default:
            break
        }
        var fields = values(dossier, snapshot, style: style)
        if reason == .terminalWithoutDate, let status = index(.status),
            UnicodeText.trimmed(fields[status]).isEmpty
        {
            fields[status] = "Đã trả kết quả"
        }
        switch reason {
        case .missingValue: if let i = index(.dossierID) { fields[i] = " " }
        case .badDate: if let i = index(.receivedAt) { fields[i] = "31/02/2025 08:00" }
        case .badChannel: if let i = index(.channel) { fields[i] = "Fax" }
        case .badStatus: if let i = index(.status) { fields[i] = "Đang chờ ký" }
        case .badValue: if let i = index(.apology) { fields[i] = "có lẽ" }
        case .fieldCount: fields.removeLast()
        default: break
        }
        var bytes = Array(fields.map(Self.quote).joined(separator: ",").utf8)
        let offset =
            Array(fields.prefix(personal).map(Self.quote).joined(separator: ",").utf8).count + (personal > 0 ? 1 : 0)
        switch reason {
        case .invalidUTF8:
            // "Nguy" and the first two bytes of "ễ": a name cut mid-character by a legacy tool.
            bytes.insert(contentsOf: [0x4E, 0x67, 0x75, 0x79, 0xE1, 0xBB], at: offset)
        case .nulByte: bytes.insert(0, at: offset)
        default: break
        }
        return bytes
    }

    static let familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
    static let middleNames = ["Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc", "Quang", "Thanh"]
    static let givenNames = [
        "An", "Bình", "Chi", "Dũng", "Hà", "Hùng", "Lan", "Long", "Mai", "Nam", "Phương", "Sơn", "Tú",
    ]
    static let streets = ["Phố Huế", "Kim Mã", "Láng Hạ", "Nguyễn Trãi", "Trần Duy Hưng", "Giải Phóng", "Xuân Thủy"]

    mutating func personalValue(_ field: ExportStyle.PersonalField) -> String {
        switch field {
        case .name:
            return "\(random.pick(Self.familyNames)) \(random.pick(Self.middleNames)) \(random.pick(Self.givenNames))"
        case .phone:
            return "09\(CivilDate.pad(random.int(0...99_999_999), 8))"
        case .address:
            let street = "Số \(random.int(1...299)), \(random.pick(Self.streets))"
            return random.chance(20) ? "\(street),\nHà Nội" : "\(street), Hà Nội"
        case .email:
            return "nguoidan\(random.int(1...99999))@example.vn"
        case .idNumber:
            return "001\(CivilDate.pad(random.int(0...999_999_999), 9))"
        }
    }

    static func quote(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}
