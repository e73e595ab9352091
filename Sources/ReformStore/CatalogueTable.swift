/// The procedure table as the catalogue fills it.
public enum CatalogueTable {
    /// One catalogue row, as stored.
    public struct Row: Sendable {
        public var code: String
        public var name: String
        public var field: String
        public var level: String
        public var statutoryTime: Int?
        public var timeUnit: String?
        public var onlineLevel: String
        public var hasFee: Bool
        public var paperResultRequired: Bool
        public var delegationPlan: Bool
        public var decisionRequired: Bool
        public var delegationDecision: String
        public var internalProcess: Bool
        public var asOfDay: Int?

        public init(
            code: String, name: String, field: String, level: String, statutoryTime: Int?, timeUnit: String?,
            onlineLevel: String, hasFee: Bool, paperResultRequired: Bool, delegationPlan: Bool,
            decisionRequired: Bool, delegationDecision: String, internalProcess: Bool, asOfDay: Int?
        ) {
            self.code = code
            self.name = name
            self.field = field
            self.level = level
            self.statutoryTime = statutoryTime
            self.timeUnit = timeUnit
            self.onlineLevel = onlineLevel
            self.hasFee = hasFee
            self.paperResultRequired = paperResultRequired
            self.delegationPlan = delegationPlan
            self.decisionRequired = decisionRequired
            self.delegationDecision = delegationDecision
            self.internalProcess = internalProcess
            self.asOfDay = asOfDay
        }
    }

    /// The stored columns a catalogue may carry (besides code and name).
    public static let columns = [
        "field", "level", "statutory_time", "time_unit", "online_level", "has_fee", "paper_result_required",
        "delegation_plan", "decision_required", "delegation_decision", "internal_process", "as_of_day",
    ]

    /// Upserts the rows of one catalogue file by procedure code.
    public final class Writer {
        private let batch: Int64
        private let exists: Statement
        private let upsert: Statement

        /// A writer for `batch` that updates only `updating` (names from `columns`): a column the
        /// file does not have leaves the stored value alone, so a list of names cannot erase the
        /// statutory times an earlier catalogue gave.
        public init(batch: Int64, updating: Set<String>, in database: Database) throws {
            database.requireTransaction()
            self.batch = batch
            exists = try database.prepare("SELECT id FROM procedure WHERE code = ?")
            // Parameters ?3…?14 follow `columns`; ?1 code, ?2 name, ?15 batch.
            let set = CatalogueTable.columns.enumerated().filter { updating.contains($0.element) }.map {
                "\($0.element) = ?\($0.offset + 3)"
            }
            upsert = try database.prepare(
                """
                INSERT INTO procedure(code, name, in_catalogue, field, level, statutory_time, time_unit, online_level, has_fee,
                    paper_result_required, delegation_plan, decision_required, delegation_decision, internal_process,
                    as_of_day, catalogue_batch)
                VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                ON CONFLICT(code) DO UPDATE SET name = CASE WHEN ?2 = '' THEN name ELSE ?2 END, in_catalogue = 1,
                """ + (set + ["catalogue_batch = ?15"]).joined(separator: ", "))
        }

        /// Stores `row`; returns true when the code was stored before (the row replaced it).
        public func upsert(_ row: Row) throws -> Bool {
            let replaced = try exists.forFirstRow([.text(row.code)]) != nil
            try upsert.run([
                .text(row.code), .text(row.name), .text(row.field), .text(row.level),
                .int(row.statutoryTime.map(Int64.init)), .text(row.timeUnit), .text(row.onlineLevel),
                .int(row.hasFee ? 1 : 0), .int(row.paperResultRequired ? 1 : 0), .int(row.delegationPlan ? 1 : 0),
                .int(row.decisionRequired ? 1 : 0), .text(row.delegationDecision), .int(row.internalProcess ? 1 : 0),
                .int(row.asOfDay.map(Int64.init)), .int(batch),
            ])
            return replaced
        }
    }
}

extension CatalogueTable {
    /// The delegation counts of the catalogue (procedures marked in a catalogue).
    public struct DelegationCounts: Sendable {
        public var withPlan: Int
        public var procedures: Int
        public var decided: Int
        public var decisionRequired: Int
        public var withInternalProcess: Int
        public var withDecision: Int
        public var asOfDay: Int?

        /// The pairs (numerator, denominator) of plan coverage, decision rate and internal-process rate.
        public var pairs: [(Int, Int)] {
            [(withPlan, procedures), (decided, decisionRequired), (withInternalProcess, withDecision)]
        }
    }

    /// The counts behind the delegation measures; nil when no catalogue is loaded.
    public static func delegationCounts(in database: Database) throws -> DelegationCounts? {
        var found: DelegationCounts?
        try database.prepare(
            """
            SELECT SUM(delegation_plan = 1) AS with_plan, COUNT(*) AS procedures,
                   SUM(decision_required = 1 AND delegation_decision <> '') AS decided,
                   SUM(decision_required = 1) AS decision_required,
                   SUM(delegation_decision <> '' AND internal_process = 1) AS with_internal_process,
                   SUM(delegation_decision <> '') AS with_decision, MAX(as_of_day) AS as_of_day
            FROM procedure WHERE in_catalogue = 1
            """
        ).forEachRow { r in
            guard r.int("procedures") > 0 else { return }
            found = DelegationCounts(
                withPlan: r.int("with_plan"), procedures: r.int("procedures"), decided: r.int("decided"),
                decisionRequired: r.int("decision_required"), withInternalProcess: r.int("with_internal_process"),
                withDecision: r.int("with_decision"), asOfDay: r.optionalInt("as_of_day"))
        }
        return found
    }
}
