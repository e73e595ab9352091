import ReformModel

/// The dossier table's summaries that the pipeline needs.
public enum DossierTable {
    /// The latest receipt day (Vietnam days since 1970), nil when there is no dossier.
    public static func latestReceiptDay(in database: Database) throws -> Int? {
        try database.scalarInt("SELECT MAX(received_day) FROM dossier").map { Int($0) }
    }
}
