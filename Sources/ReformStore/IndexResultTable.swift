import ReformModel
import ReformSupport

/// The stored yearly results (`index_result`): each output's rows, as cells.
public enum IndexResultTable {
    /// Replaces the rows of `period`: for each output name, its rows of cells in order.
    public static func replace(period: String, outputs: [(name: String, rows: [String])], in database: Database)
        throws
    {
        database.requireTransaction()
        try database.prepare("DELETE FROM index_result WHERE period = ?").run([.text(period)])
        let insert = try database.prepare("INSERT INTO index_result(period, output, seq, cells) VALUES (?, ?, ?, ?)")
        for output in outputs {
            for (seq, cells) in output.rows.enumerated() {
                try insert.run([.text(period), .text(output.name), .int(seq), .text(cells)])
            }
        }
    }

    /// The stored rows (cells as stored) of one output of `period`, in order.
    public static func rows(period: String, output: String, in database: Database) throws -> [String] {
        var rows: [String] = []
        try database.prepare("SELECT cells FROM index_result WHERE period = ? AND output = ? ORDER BY seq").forEachRow([
            .text(period), .text(output),
        ]) { rows.append($0.text("cells")) }
        return rows
    }

    /// True when `period` has stored results.
    public static func exists(period: String, in database: Database) throws -> Bool {
        try database.scalarInt("SELECT 1 FROM index_result WHERE period = ? LIMIT 1", [.text(period)]) != nil
    }
}
