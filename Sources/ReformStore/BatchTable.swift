import ReformModel
import ReformSupport

/// Queries on the batch table that other layers need.
public enum BatchTable {
    /// The id of the latest batch that can change a month's figures (dossier exports and
    /// catalogues; 0 when there is none): a month computed before it is stale. Survey and PAR
    /// inputs do not change them, so ingesting those does not make a month stale.
    public static func latestFigureInput(in database: Database) throws -> Int64 {
        try database.scalarInt("SELECT IFNULL(MAX(id), 0) FROM batch WHERE kind IN ('dossiers', 'procedures')") ?? 0
    }
}
