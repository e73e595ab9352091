/// The stored deadline audit of a month (`deadline_audit`, `deadline_finding`, `processing_time`):
/// compute writes it, the report reads it.
public enum DeadlineTables {
    /// One unit's stored audit counts, with its code and name.
    public struct UnitAudit: Sendable {
        public var code: String
        public var name: String
        public var counts: UnitCounts
    }

    /// One unit and procedure's stored processing times.
    public struct ProcessingTime: Sendable {
        public var unitCode: String
        public var unitName: String
        public var procedureCode: String
        public var procedureName: String
        public var resolved: Int
        public var totalDays: Int
        /// Twice the median in working days (an even count's median is a half).
        public var medianTwice: Int
        public var p90: Int
        public var statutoryTime: String
        public var timeUnit: String
    }

    /// Up to `limit` dossier ids per unit whose appointment was later than the statutory due date.
    public static func laterExamples(period: String, limit: Int, in database: Database) throws -> [Int64: [String]] {
        var examples: [Int64: [String]] = [:]
        try database.prepare(
            """
            SELECT unit_id, dossier_id FROM deadline_finding WHERE period = ? AND finding = 'appointment_later'
            ORDER BY unit_id, dossier_id
            """
        ).forEachRow([.text(period)]) { row in
            let unit = row.int64("unit_id")
            if examples[unit, default: []].count < limit {
                examples[unit, default: []].append(row.text("dossier_id"))
            }
        }
        return examples
    }

    /// The units' audit counts of `period`, by unit code.
    public static func units(period: String, in database: Database) throws -> [UnitAudit] {
        var rows: [UnitAudit] = []
        try database.prepare(
            """
            SELECT a.unit_id AS unit_id, u.code AS unit_code, u.name AS unit_name, a.received AS received,
                   a.checked AS checked, a.matches AS matches, a.appointment_later AS later,
                   a.appointment_earlier AS earlier, a.statutory_decided AS statutory_decided,
                   a.statutory_on_time AS statutory_on_time
            FROM deadline_audit a JOIN unit u ON u.id = a.unit_id WHERE a.period = ? ORDER BY u.code
            """
        ).forEachRow([.text(period)]) { r in
            rows.append(
                UnitAudit(
                    code: r.text("unit_code"), name: r.text("unit_name"),
                    counts: UnitCounts(
                        unitID: r.int64("unit_id"), received: r.int("received"), checked: r.int("checked"),
                        matches: r.int("matches"), later: r.int("later"), earlier: r.int("earlier"),
                        statutoryDecided: r.int("statutory_decided"), statutoryOnTime: r.int("statutory_on_time"))))
        }
        return rows
    }

    /// The processing times of `period`, by unit code then procedure code.
    public static func processingTimes(period: String, in database: Database) throws -> [ProcessingTime] {
        var rows: [ProcessingTime] = []
        try database.prepare(
            """
            SELECT u.code AS unit_code, u.name AS unit_name, p.code AS procedure_code, p.name AS procedure_name,
                   t.resolved AS resolved, t.total_working_days AS total_working_days,
                   t.median_twice AS median_twice, t.p90 AS p90,
                   IFNULL(p.statutory_time, '') AS statutory_time, IFNULL(p.time_unit, '') AS time_unit
            FROM processing_time t JOIN unit u ON u.id = t.unit_id JOIN procedure p ON p.id = t.procedure_id
            WHERE t.period = ? ORDER BY u.code, p.code
            """
        ).forEachRow([.text(period)]) { r in
            rows.append(
                ProcessingTime(
                    unitCode: r.text("unit_code"), unitName: r.text("unit_name"),
                    procedureCode: r.text("procedure_code"), procedureName: r.text("procedure_name"),
                    resolved: r.int("resolved"), totalDays: r.int("total_working_days"),
                    medianTwice: r.int("median_twice"), p90: r.int("p90"), statutoryTime: r.text("statutory_time"),
                    timeUnit: r.text("time_unit")))
        }
        return rows
    }

    /// One unit's audit counts: as the audit counts them and as they are stored.
    public struct UnitCounts: Equatable, Sendable {
        public var unitID: Int64
        public var received: Int
        public var checked: Int
        public var matches: Int
        public var later: Int
        public var earlier: Int
        public var statutoryDecided: Int
        public var statutoryOnTime: Int

        public init(
            unitID: Int64, received: Int = 0, checked: Int = 0, matches: Int = 0, later: Int = 0, earlier: Int = 0,
            statutoryDecided: Int = 0, statutoryOnTime: Int = 0
        ) {
            self.unitID = unitID
            self.received = received
            self.checked = checked
            self.matches = matches
            self.later = later
            self.earlier = earlier
            self.statutoryDecided = statutoryDecided
            self.statutoryOnTime = statutoryOnTime
        }
    }

    /// An appointment that differs from the statutory due date: as the audit finds it and as stored.
    public struct Finding: Equatable, Sendable {
        public var dossierID: String
        public var unitID: Int64
        public var later: Bool
        public var appointmentDay: Int
        public var statutoryDay: Int

        public init(dossierID: String, unitID: Int64, later: Bool, appointmentDay: Int, statutoryDay: Int) {
            self.dossierID = dossierID
            self.unitID = unitID
            self.later = later
            self.appointmentDay = appointmentDay
            self.statutoryDay = statutoryDay
        }
    }

    /// One unit and procedure's processing times, as stored.
    public struct Times: Sendable {
        public var unitID: Int64
        public var procedureID: Int64
        public var resolved: Int
        public var totalDays: Int
        public var medianTwice: Int
        public var p90: Int

        public init(unitID: Int64, procedureID: Int64, resolved: Int, totalDays: Int, medianTwice: Int, p90: Int) {
            self.unitID = unitID
            self.procedureID = procedureID
            self.resolved = resolved
            self.totalDays = totalDays
            self.medianTwice = medianTwice
            self.p90 = p90
        }
    }

    /// Replaces the stored audit of `period`.
    public static func replace(
        period: String, units: [UnitCounts], findings: [Finding], times: [Times], in database: Database
    ) throws {
        database.requireTransaction()
        for table in ["deadline_audit", "deadline_finding", "processing_time"] {
            try database.prepare("DELETE FROM \(table) WHERE period = ?").run([.text(period)])
        }
        let unitInsert = try database.prepare(
            """
            INSERT INTO deadline_audit(period, unit_id, received, checked, matches, appointment_later, appointment_earlier,
                statutory_decided, statutory_on_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for row in units {
            try unitInsert.run(
                [.text(period), .int(row.unitID)]
                    + [
                        row.received, row.checked, row.matches, row.later, row.earlier, row.statutoryDecided,
                        row.statutoryOnTime,
                    ].map { SQLValue.int($0) })
        }
        let findingInsert = try database.prepare(
            """
            INSERT INTO deadline_finding(period, dossier_id, unit_id, finding, appointment_day, statutory_day)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for finding in findings {
            try findingInsert.run([
                .text(period), .text(finding.dossierID), .int(finding.unitID),
                .text(finding.later ? "appointment_later" : "appointment_earlier"), .int(finding.appointmentDay),
                .int(finding.statutoryDay),
            ])
        }
        let timeInsert = try database.prepare(
            """
            INSERT INTO processing_time(period, unit_id, procedure_id, resolved, total_working_days, median_twice, p90)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        for row in times {
            try timeInsert.run([
                .text(period), .int(row.unitID), .int(row.procedureID), .int(row.resolved), .int(row.totalDays),
                .int(row.medianTwice), .int(row.p90),
            ])
        }
    }
}
