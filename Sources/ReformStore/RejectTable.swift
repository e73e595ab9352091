import ReformModel

/// The reject table: refused rows of dossier exports, by batch and line.
public enum RejectTable {
    /// Inserts the refused rows of one batch with one prepared statement.
    public final class Writer {
        private let batch: Int64
        private let insert: Statement

        /// A writer for `batch`, inside its transaction.
        public init(batch: Int64, in database: Database) throws {
            database.requireTransaction()
            self.batch = batch
            insert = try database.prepare(
                """
                INSERT INTO reject(batch_id, line, reason, column_name, dossier_id, unit_code, received_day)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        }

        /// Stores one refused row (its id and code already passed `PersonalData.safeKey`).
        public func add(line: Int, _ rejection: RowRejection) throws {
            try insert.run([
                .int(batch), .int(line), .text(rejection.reason.rawValue), .text(rejection.column),
                .text(rejection.dossierID), .text(rejection.unitCode), .int(rejection.receivedDay.map(Int64.init)),
            ])
        }
    }
}
