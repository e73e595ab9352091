import ReformModel
import ReformSupport

/// The staging database's schema and its migrations.
///
/// The version lives in `PRAGMA user_version`. Migration N takes a database from version N to
/// N + 1; opening a database applies what is missing in one transaction, and a database written by
/// a newer version of the pipeline is refused rather than guessed at.
///
/// Times are integers: `*_at` are UTC epoch seconds (`datetime(x, 'unixepoch', '+7 hours')` shows
/// Vietnam time in the sqlite3 shell), `*_day` are Vietnam calendar days since 1970-01-01.
public enum Schema {
    /// The version this build writes.
    public static var currentVersion: Int { migrations.count }

    /// Migration N brings a database from version N to N + 1. Never edit a released entry: append
    /// (`SchemaHistoryTests` holds every entry to the fingerprint it was released with, and the
    /// resulting schema to `docs/schema.sql`).
    package static let migrations: [Migration] = [
        Migration(
            "initial",
            """
            CREATE TABLE batch(
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL,
                file_name TEXT NOT NULL,
                sha256 TEXT NOT NULL UNIQUE,
                bytes INTEGER NOT NULL,
                records_read INTEGER NOT NULL DEFAULT 0,
                accepted INTEGER NOT NULL DEFAULT 0,
                rejected INTEGER NOT NULL DEFAULT 0,
                replaced INTEGER NOT NULL DEFAULT 0,
                unchanged INTEGER NOT NULL DEFAULT 0,
                ingested_at TEXT NOT NULL
            );
            CREATE TABLE reject(
                batch_id INTEGER NOT NULL REFERENCES batch(id),
                line INTEGER NOT NULL,
                reason TEXT NOT NULL,
                column_name TEXT NOT NULL,
                dossier_id TEXT NOT NULL,
                unit_code TEXT NOT NULL,
                PRIMARY KEY(batch_id, line)
            ) WITHOUT ROWID;
            CREATE TABLE unit(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '');
            CREATE TABLE procedure(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '');
            CREATE TABLE field(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
            CREATE TABLE dossier(
                dossier_id TEXT PRIMARY KEY,
                batch_id INTEGER NOT NULL,
                line INTEGER NOT NULL,
                procedure_id INTEGER NOT NULL,
                field_id INTEGER,
                unit_id INTEGER NOT NULL,
                receiving_unit_id INTEGER,
                channel INTEGER NOT NULL,
                status INTEGER NOT NULL,
                apology INTEGER NOT NULL,
                received_at INTEGER NOT NULL,
                due_at INTEGER,
                completed_at INTEGER,
                returned_at INTEGER,
                received_day INTEGER NOT NULL,
                due_day INTEGER,
                end_day INTEGER
            ) WITHOUT ROWID;
            CREATE TABLE dossier_version(
                dossier_id TEXT NOT NULL,
                batch_id INTEGER NOT NULL,
                line INTEGER NOT NULL,
                procedure_id INTEGER NOT NULL,
                field_id INTEGER,
                unit_id INTEGER NOT NULL,
                receiving_unit_id INTEGER,
                channel INTEGER NOT NULL,
                status INTEGER NOT NULL,
                apology INTEGER NOT NULL,
                received_at INTEGER NOT NULL,
                due_at INTEGER,
                completed_at INTEGER,
                returned_at INTEGER,
                received_day INTEGER NOT NULL,
                due_day INTEGER,
                end_day INTEGER,
                replaced_by_batch INTEGER NOT NULL,
                replaced_by_line INTEGER NOT NULL
            );
            CREATE INDEX dossier_version_by_id ON dossier_version(dossier_id);
            CREATE TABLE bieu06(
                period TEXT NOT NULL,
                dimension TEXT NOT NULL,
                key TEXT NOT NULL,
                name TEXT NOT NULL,
                new_online INTEGER NOT NULL,
                new_direct_postal INTEGER NOT NULL,
                carried_in INTEGER NOT NULL,
                total INTEGER NOT NULL,
                resolved INTEGER NOT NULL,
                early INTEGER NOT NULL,
                on_time INTEGER NOT NULL,
                late INTEGER NOT NULL,
                resolved_no_due INTEGER NOT NULL,
                late_with_apology INTEGER NOT NULL,
                withdrawn_rejected INTEGER NOT NULL,
                pending INTEGER NOT NULL,
                pending_within INTEGER NOT NULL,
                pending_overdue INTEGER NOT NULL,
                pending_no_due INTEGER NOT NULL,
                not_accepted INTEGER NOT NULL,
                no_due INTEGER NOT NULL,
                PRIMARY KEY(period, dimension, key)
            ) WITHOUT ROWID;
            CREATE TABLE identity_violation(
                period TEXT NOT NULL,
                dimension TEXT NOT NULL,
                key TEXT NOT NULL,
                identity TEXT NOT NULL,
                left_value INTEGER NOT NULL,
                right_value INTEGER NOT NULL
            );
            CREATE TABLE compute_run(
                period TEXT PRIMARY KEY,
                last_batch_id INTEGER NOT NULL,
                rule_set TEXT NOT NULL
            ) WITHOUT ROWID;
            """),
        // 2: the encoding each input file was read in (--encoding).
        Migration(
            "input-encoding",
            """
            ALTER TABLE batch ADD COLUMN encoding TEXT NOT NULL DEFAULT 'utf-8';
            """),
        // 3: the procedures catalogue (statutory time, delegation flags) and the deadline audit.
        Migration(
            "catalogue-and-deadline-audit",
            """
            ALTER TABLE procedure ADD COLUMN in_catalogue INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE procedure ADD COLUMN field TEXT NOT NULL DEFAULT '';
            ALTER TABLE procedure ADD COLUMN level TEXT NOT NULL DEFAULT '';
            ALTER TABLE procedure ADD COLUMN statutory_time INTEGER;
            ALTER TABLE procedure ADD COLUMN time_unit TEXT;
            ALTER TABLE procedure ADD COLUMN online_level TEXT NOT NULL DEFAULT '';
            ALTER TABLE procedure ADD COLUMN has_fee INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE procedure ADD COLUMN paper_result_required INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE procedure ADD COLUMN delegation_plan INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE procedure ADD COLUMN decision_required INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE procedure ADD COLUMN delegation_decision TEXT NOT NULL DEFAULT '';
            ALTER TABLE procedure ADD COLUMN internal_process INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE procedure ADD COLUMN as_of_day INTEGER;
            ALTER TABLE procedure ADD COLUMN catalogue_batch INTEGER;
            CREATE TABLE deadline_finding(
                period TEXT NOT NULL,
                dossier_id TEXT NOT NULL,
                unit_id INTEGER NOT NULL,
                finding TEXT NOT NULL,
                appointment_day INTEGER NOT NULL,
                statutory_day INTEGER NOT NULL,
                PRIMARY KEY(period, dossier_id)
            ) WITHOUT ROWID;
            CREATE TABLE deadline_audit(
                period TEXT NOT NULL,
                unit_id INTEGER NOT NULL,
                received INTEGER NOT NULL,
                checked INTEGER NOT NULL,
                matches INTEGER NOT NULL,
                appointment_later INTEGER NOT NULL,
                appointment_earlier INTEGER NOT NULL,
                statutory_decided INTEGER NOT NULL,
                statutory_on_time INTEGER NOT NULL,
                PRIMARY KEY(period, unit_id)
            ) WITHOUT ROWID;
            CREATE TABLE processing_time(
                period TEXT NOT NULL,
                unit_id INTEGER NOT NULL,
                procedure_id INTEGER NOT NULL,
                resolved INTEGER NOT NULL,
                total_working_days INTEGER NOT NULL,
                median_twice INTEGER NOT NULL,
                p90 INTEGER NOT NULL,
                PRIMARY KEY(period, unit_id, procedure_id)
            ) WITHOUT ROWID;
            """),
        // 4: Decision 766 flags on dossiers and their versions.
        Migration(
            "decision-766-flags",
            """
            ALTER TABLE dossier ADD COLUMN online_payment INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier ADD COLUMN digitized INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier ADD COLUMN e_result INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier ADD COLUMN reused_data INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier ADD COLUMN supplement_count INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier ADD COLUMN supplement_days INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier ADD COLUMN complaint INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier_version ADD COLUMN online_payment INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier_version ADD COLUMN digitized INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier_version ADD COLUMN e_result INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier_version ADD COLUMN reused_data INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier_version ADD COLUMN supplement_count INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier_version ADD COLUMN supplement_days INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier_version ADD COLUMN complaint INTEGER NOT NULL DEFAULT 0;
            """),
        // 5: survey answers and questions (SIPAS), PAR scores, and the yearly index results.
        Migration(
            "surveys-par-scores-and-index-results",
            """
            CREATE TABLE survey_question(
                question_code TEXT PRIMARY KEY, element INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE survey_answer(
                year INTEGER NOT NULL, unit_code TEXT NOT NULL, respondent_id TEXT NOT NULL, question_code TEXT NOT NULL,
                answer INTEGER,
                PRIMARY KEY(year, unit_code, respondent_id, question_code)
            ) WITHOUT ROWID;
            CREATE TABLE par_score(
                year INTEGER NOT NULL, unit_code TEXT NOT NULL, field INTEGER NOT NULL, criterion TEXT NOT NULL,
                max_points INTEGER NOT NULL, appraised_points INTEGER NOT NULL, survey_points INTEGER NOT NULL,
                PRIMARY KEY(year, unit_code, field, criterion)
            ) WITHOUT ROWID;
            CREATE TABLE index_result(
                period TEXT NOT NULL, output TEXT NOT NULL, seq INTEGER NOT NULL, cells TEXT NOT NULL,
                PRIMARY KEY(period, output, seq)
            ) WITHOUT ROWID;
            """),
        // 6: dated unit lists and the merge map of a reorganisation (reform-compare), and the receipt
        // day of a refused row when it could be read (audits count refusals by receipt month).
        Migration(
            "unit-lists-and-merge-maps",
            """
            CREATE TABLE unit_list(
                valid_from_day INTEGER NOT NULL, level TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
                parent_code TEXT NOT NULL, type TEXT NOT NULL, batch_id INTEGER NOT NULL,
                PRIMARY KEY(valid_from_day, code)
            ) WITHOUT ROWID;
            CREATE TABLE unit_merge(
                effective_day INTEGER NOT NULL, new_code TEXT NOT NULL, new_name TEXT NOT NULL, old_code TEXT NOT NULL,
                old_name TEXT NOT NULL, merge_type TEXT NOT NULL, batch_id INTEGER NOT NULL,
                PRIMARY KEY(effective_day, new_code, old_code)
            ) WITHOUT ROWID;
            ALTER TABLE reject ADD COLUMN received_day INTEGER;
            """),
        // 7: a cheap fingerprint of each dossier export (size, first and last MiB), so a new file is
        // known to be new before its full SHA-256, which is then computed beside the ingest.
        Migration(
            "export-fingerprints",
            """
            ALTER TABLE batch ADD COLUMN fingerprint TEXT;
            """),
        // 8: a batch is identified by its content, kind and encoding (the same bytes read as another
        // kind or in another encoding are another batch), and remembers the path it was read from
        // and its rejects file. SQLite cannot drop a UNIQUE constraint, so the table is rebuilt
        // (foreign keys are off while migrations run).
        Migration(
            "batch-identity-by-content",
            """
            CREATE TABLE batch_rebuilt(
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL,
                file_name TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                bytes INTEGER NOT NULL,
                records_read INTEGER NOT NULL DEFAULT 0,
                accepted INTEGER NOT NULL DEFAULT 0,
                rejected INTEGER NOT NULL DEFAULT 0,
                replaced INTEGER NOT NULL DEFAULT 0,
                unchanged INTEGER NOT NULL DEFAULT 0,
                ingested_at TEXT NOT NULL,
                encoding TEXT NOT NULL DEFAULT 'utf-8',
                fingerprint TEXT,
                source_path TEXT NOT NULL DEFAULT '',
                rejects_file TEXT NOT NULL DEFAULT '',
                UNIQUE(sha256, kind, encoding)
            );
            INSERT INTO batch_rebuilt(id, kind, file_name, sha256, bytes, records_read, accepted, rejected, replaced,
                unchanged, ingested_at, encoding, fingerprint)
            SELECT id, kind, file_name, sha256, bytes, records_read, accepted, rejected, replaced, unchanged, ingested_at,
                encoding, fingerprint FROM batch;
            DROP TABLE batch;
            ALTER TABLE batch_rebuilt RENAME TO batch;
            """),
        // 9: where a workbook's table was found — the sheet, the rows skipped (blank, column
        // numbers, totals) and the title rows above its header, with the issuing body and period
        // they state when recognisable — which the report lists as the input's provenance.
        Migration(
            "workbook-provenance",
            """
            ALTER TABLE batch ADD COLUMN sheet TEXT NOT NULL DEFAULT '';
            ALTER TABLE batch ADD COLUMN skipped INTEGER;
            ALTER TABLE batch ADD COLUMN title TEXT NOT NULL DEFAULT '';
            ALTER TABLE batch ADD COLUMN stated_unit TEXT NOT NULL DEFAULT '';
            ALTER TABLE batch ADD COLUMN stated_from_day INTEGER;
            ALTER TABLE batch ADD COLUMN stated_to_day INTEGER;
            """),
        // 10: the counting rules a period was computed under, and whether a pending dossier waits
        // for the applicant's supplements (the `supplement_waiting` rule). The raw status of rows
        // stored before was not kept: they read as not waiting, and `upgrade_note` remembers the
        // last batch stored without the flag so that compute can say how many that concerns.
        Migration(
            "counting-rules-and-supplement-waiting",
            """
            ALTER TABLE compute_run ADD COLUMN counting TEXT NOT NULL DEFAULT '';
            ALTER TABLE dossier ADD COLUMN waiting_supplement INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier_version ADD COLUMN waiting_supplement INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE upgrade_note(name TEXT PRIMARY KEY, last_batch_id INTEGER NOT NULL) WITHOUT ROWID;
            INSERT INTO upgrade_note(name, last_batch_id) SELECT 'waiting_supplement', IFNULL(MAX(id), 0) FROM batch;
            """),
        // 11: reports that units and other systems submit (II.06a rows of a period, each kept with
        // the batch it came from; a later submission for the same unit and period replaces the
        // earlier, which stays as history), and the dated aliases of renamed units.
        Migration(
            "submitted-reports-and-unit-aliases",
            """
            CREATE TABLE submitted_row(
                batch_id INTEGER NOT NULL REFERENCES batch(id),
                sheet_row INTEGER NOT NULL,
                first_day INTEGER NOT NULL,
                last_day INTEGER NOT NULL,
                unit_key TEXT NOT NULL,
                unit_code TEXT NOT NULL,
                unit_name TEXT NOT NULL,
                matched_by TEXT NOT NULL,
                received_total INTEGER NOT NULL,
                received_online INTEGER NOT NULL,
                received_direct_postal INTEGER NOT NULL,
                carried_in INTEGER NOT NULL,
                resolved_total INTEGER NOT NULL,
                early INTEGER NOT NULL,
                on_time INTEGER NOT NULL,
                late INTEGER NOT NULL,
                pending_total INTEGER NOT NULL,
                pending_within INTEGER NOT NULL,
                pending_overdue INTEGER NOT NULL,
                problems TEXT NOT NULL,
                replaced_by_batch INTEGER
            );
            CREATE INDEX submitted_row_by_period ON submitted_row(first_day, last_day, unit_key);
            CREATE TABLE unit_alias(
                old_name TEXT NOT NULL,
                new_name TEXT NOT NULL,
                from_day INTEGER NOT NULL,
                batch_id INTEGER NOT NULL REFERENCES batch(id)
            );
            """),
        // 12: the yearly results as typed columns, one table per output (the columns of each are
        // declared once by its row type in ReformModel; IndexResultTablesTests holds the two
        // together), and the years computed. The former cells-as-text table is dropped: a year
        // computed by an older build is computed again (reform-report says so until then).
        Migration(
            "typed-yearly-results",
            """
            DROP TABLE index_result;
            CREATE TABLE index_run(index_year INTEGER PRIMARY KEY);
            CREATE TABLE index766_result(
                index_year INTEGER NOT NULL, seq INTEGER NOT NULL,
                "period" TEXT NOT NULL, "unit_code" TEXT NOT NULL, "unit_name" TEXT NOT NULL, "criterion" TEXT NOT NULL,
                "numerator" INTEGER, "denominator" INTEGER, "ratio" INTEGER, "max_points" INTEGER NOT NULL,
                "score" INTEGER, "rank" INTEGER,
                PRIMARY KEY(index_year, seq), UNIQUE(index_year, "period", "unit_code", "criterion")
            ) WITHOUT ROWID;
            CREATE TABLE sipas_result(
                index_year INTEGER NOT NULL, seq INTEGER NOT NULL,
                "year" INTEGER NOT NULL, "unit_code" TEXT NOT NULL, "unit_name" TEXT NOT NULL, "element" TEXT NOT NULL,
                "answers" INTEGER NOT NULL, "satisfied" INTEGER NOT NULL, "index" INTEGER, "ci_low" INTEGER,
                "ci_high" INTEGER,
                PRIMARY KEY(index_year, seq), UNIQUE(index_year, "year", "unit_code", "element")
            ) WITHOUT ROWID;
            CREATE TABLE sipas_expectation_result(
                index_year INTEGER NOT NULL, seq INTEGER NOT NULL,
                "year" INTEGER NOT NULL, "unit_code" TEXT NOT NULL, "unit_name" TEXT NOT NULL, "element" TEXT NOT NULL,
                "question_code" TEXT NOT NULL, "answers" INTEGER NOT NULL, "high" INTEGER NOT NULL, "share" INTEGER,
                PRIMARY KEY(index_year, seq), UNIQUE(index_year, "year", "unit_code", "question_code")
            ) WITHOUT ROWID;
            CREATE TABLE par_result(
                index_year INTEGER NOT NULL, seq INTEGER NOT NULL,
                "year" INTEGER NOT NULL, "unit_code" TEXT NOT NULL, "unit_name" TEXT NOT NULL, "field" TEXT NOT NULL,
                "points" INTEGER NOT NULL, "max_points" INTEGER NOT NULL, "sub_index" INTEGER, "index" INTEGER,
                "rank" INTEGER, "class" TEXT, "change_pp" INTEGER,
                PRIMARY KEY(index_year, seq), UNIQUE(index_year, "year", "unit_code", "field")
            ) WITHOUT ROWID;
            CREATE TABLE delegation_result(
                index_year INTEGER NOT NULL, seq INTEGER NOT NULL,
                "as_of" TEXT NOT NULL, "measure" TEXT NOT NULL, "numerator" INTEGER NOT NULL,
                "denominator" INTEGER NOT NULL, "rate" INTEGER, "published_rate" TEXT, "agrees" INTEGER,
                PRIMARY KEY(index_year, seq), UNIQUE(index_year, "measure")
            ) WITHOUT ROWID;
            """),
        // 13: the latest input a computed year's indices saw, so a report can tell they are stale.
        Migration(
            "index-run-inputs",
            """
            ALTER TABLE index_run ADD COLUMN last_batch INTEGER NOT NULL DEFAULT 0;
            """),
        // 14: ranks within groups. A unit's PAR scores may state its group; every ranked result
        // gains the group it was ranked in, and SIPAS its rank. Years computed before ranked every
        // unit in one list, so their results are dropped and computed again (reform-report says so).
        Migration(
            "rank-groups",
            """
            ALTER TABLE par_score ADD COLUMN unit_group TEXT NOT NULL DEFAULT '';
            ALTER TABLE index766_result ADD COLUMN "group" TEXT NOT NULL DEFAULT '';
            ALTER TABLE sipas_result ADD COLUMN "rank" INTEGER;
            ALTER TABLE sipas_result ADD COLUMN "group" TEXT NOT NULL DEFAULT '';
            ALTER TABLE par_result ADD COLUMN "group" TEXT NOT NULL DEFAULT '';
            DELETE FROM index766_result;
            DELETE FROM sipas_result;
            DELETE FROM sipas_expectation_result;
            DELETE FROM par_result;
            DELETE FROM delegation_result;
            DELETE FROM index_run;
            """),
        // 15: Decision 766 scores as the national portal publishes them (a later file replaces the
        // same period, scope and unit), and the yearly output that sets them beside the project's own.
        Migration(
            "published-766-scores",
            """
            CREATE TABLE published766(
                period TEXT NOT NULL, scope TEXT NOT NULL, unit_code TEXT NOT NULL, unit_name TEXT NOT NULL,
                transparency INTEGER NOT NULL, progress INTEGER NOT NULL, online_service INTEGER NOT NULL,
                online_payment INTEGER NOT NULL, satisfaction INTEGER NOT NULL, digitisation INTEGER NOT NULL,
                total INTEGER NOT NULL, portal_order INTEGER, batch_id INTEGER NOT NULL,
                PRIMARY KEY(period, scope, unit_code)
            ) WITHOUT ROWID;
            CREATE TABLE index766_published_result(
                index_year INTEGER NOT NULL, seq INTEGER NOT NULL,
                "period" TEXT NOT NULL, "scope" TEXT NOT NULL, "unit_code" TEXT NOT NULL, "unit_name" TEXT NOT NULL,
                "measure" TEXT NOT NULL, "published" INTEGER NOT NULL, "max_points" INTEGER NOT NULL,
                "own_unit_code" TEXT, "own_score" INTEGER, "difference" INTEGER, "rank" INTEGER, "portal_order" INTEGER,
                PRIMARY KEY(index_year, seq), UNIQUE(index_year, "period", "scope", "unit_code", "measure")
            ) WITHOUT ROWID;
            """),
        // 16: the rules of 2025–26. A dossier keeps whether it was received fully or partly online
        // and whether, and to when, its appointment was extended (due_at keeps the original); the
        // stored form gains the counts of both. Rows stored before read as unspecified and not
        // extended: `upgrade_note` remembers the last batch stored without them.
        Migration(
            "online-mode-and-extensions",
            """
            ALTER TABLE dossier ADD COLUMN online_mode INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier ADD COLUMN extended INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier ADD COLUMN extended_due_at INTEGER;
            ALTER TABLE dossier ADD COLUMN extended_due_day INTEGER;
            ALTER TABLE dossier_version ADD COLUMN online_mode INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier_version ADD COLUMN extended INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE dossier_version ADD COLUMN extended_due_at INTEGER;
            ALTER TABLE dossier_version ADD COLUMN extended_due_day INTEGER;
            ALTER TABLE bieu06 ADD COLUMN new_online_full INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE bieu06 ADD COLUMN new_online_partial INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE bieu06 ADD COLUMN extended INTEGER NOT NULL DEFAULT 0;
            INSERT INTO upgrade_note(name, last_batch_id) SELECT 'online_mode_and_extension', IFNULL(MAX(id), 0) FROM batch;
            """),
        // Summaries that do not split new receipts into online and direct/postal (OpenCPS's
        // statistics): the counts a report does not give, by stored name, comma-separated; their
        // stored 0 is no figure. Rows stored before gave every count.
        Migration(
            "submitted-counts-not-given",
            """
            ALTER TABLE submitted_row ADD COLUMN not_given TEXT NOT NULL DEFAULT '';
            """),
        // Files refused whole, listed by every report until their path is read again.
        Migration(
            "refused-files",
            """
            CREATE TABLE refused_file(
                source_path TEXT NOT NULL, kind TEXT NOT NULL, file_name TEXT NOT NULL, sha256 TEXT NOT NULL,
                reason TEXT NOT NULL, refused_at TEXT NOT NULL,
                PRIMARY KEY(source_path, kind)
            ) WITHOUT ROWID;
            """),
    ]

    /// The schema of `database` as text: every table's, index's and trigger's SQL as SQLite keeps it,
    /// by kind and name (`docs/schema.sql` is this text of a fresh database).
    package static func snapshot(of database: Database) throws -> String {
        var text =
            "-- The schema of a ReformIndex database (version \(currentVersion)), as SQLite keeps it.\n"
            + "-- Generated from a fresh database; SchemaHistoryTests holds it equal. Do not edit.\n"
        try database.prepare(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name"
        ).forEachRow { text += "\n" + $0.text("sql") + ";\n" }
        return text
    }

    /// Brings `database` to the current version; refuses one written by a newer version.
    public static func migrate(_ database: Database) throws {
        let version = Int(try database.scalarInt("PRAGMA user_version") ?? 0)
        if version > currentVersion {
            throw SchemaError.newerThanThisBuild(found: version, supported: currentVersion)
        }
        if version == currentVersion { return }
        // Rebuilding a table (migration 8) needs foreign keys off, which only takes effect outside
        // a transaction; the check below proves the rebuilt tables still agree.
        try database.execute("PRAGMA foreign_keys=OFF")
        defer { try? database.execute("PRAGMA foreign_keys=ON") }
        try database.transaction {
            for index in version..<currentVersion {
                try database.execute(migrations[index].sql)
            }
            if try database.scalarText("PRAGMA foreign_key_check") != nil {
                throw SchemaError.migrationBrokeForeignKeys
            }
            try database.execute("PRAGMA user_version = \(currentVersion)")
            try database.execute("PRAGMA application_id = \(applicationID)")
        }
    }

    /// The application id in the header of every ReformIndex database ("RFIX"), so that
    /// another application's SQLite file is never taken for one of ours.
    public static let applicationID: Int64 = 0x5246_4958

    /// Opens the staging database at `path` for writing and migrates it. A new or empty file
    /// becomes a ReformIndex database; any other file must already be one (our application id,
    /// or a database of an older build, recognised by its version and tables): anything else is
    /// refused before a single byte of it changes.
    public static func open(path: String) throws -> Database {
        try FilePath.makeDirectories(FilePath.parent(of: path))
        let database = try Database(connecting: path, readOnly: false, create: true)
        let owner = try ownership(of: database)
        if case .foreign(let what) = owner { throw SchemaError.notOurs(path: path, what: what) }
        try database.configure()
        database.restoresRollbackJournal = true
        try migrate(database)
        return database
    }

    /// Opens the staging database at `path` read-only (reports, comparisons): no lock file, no
    /// journal, nothing written, so an archived database on read-only media can be reported on.
    /// It must exist, be ours and be of this build's version.
    public static func openForReading(path: String) throws -> Database {
        guard FilePath.exists(path) else { throw SchemaError.missing(path: path) }
        let database = try Database(connecting: path, readOnly: true, create: false)
        switch try ownership(of: database) {
        case .empty: throw SchemaError.missing(path: path)
        case .foreign(let what): throw SchemaError.notOurs(path: path, what: what)
        case .ours(let version) where version < currentVersion:
            throw SchemaError.olderThanThisBuild(path: path, found: version, supported: currentVersion)
        case .ours(let version) where version > currentVersion:
            throw SchemaError.newerThanThisBuild(found: version, supported: currentVersion)
        case .ours: break
        }
        try database.configure()
        return database
    }

    /// Whose a database file is.
    enum Ownership: Equatable {
        /// No table, no version, no application id: a new (or 0-byte) file.
        case empty
        /// A ReformIndex database of the given schema version.
        case ours(version: Int)
        /// Anything else, described for the message.
        case foreign(String)
    }

    /// Reads the header and the table names, writing nothing.
    static func ownership(of database: Database) throws -> Ownership {
        let application = try database.scalarInt("PRAGMA application_id") ?? 0
        let version = Int(try database.scalarInt("PRAGMA user_version") ?? 0)
        var tables = Set<String>()
        try database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").forEachRow {
            tables.insert($0.text("name"))
        }
        if application == applicationID { return .ours(version: version) }
        if application != 0 {
            return .foreign("its application id is \(application), not ReformIndex's \(applicationID)")
        }
        if tables.isEmpty && version == 0 { return .empty }
        // Databases written before the application id was set: our version range and tables.
        if (1..<8).contains(version) && tables.isSuperset(of: ["batch", "dossier", "bieu06"]) {
            return .ours(version: version)
        }
        let listed = tables.sorted().prefix(5).joined(separator: ", ")
        let noun = tables.count == 1 ? "table" : "tables"
        return .foreign(
            "it holds \(tables.count) \(noun) (\(listed)) and schema version \(version) of another application")
    }
}

/// The database cannot be used by this build.
public enum SchemaError: Error, CustomStringConvertible {
    case newerThanThisBuild(found: Int, supported: Int)
    case migrationBrokeForeignKeys
    /// Another application's file (exit 73): refused before anything in it changed.
    case notOurs(path: String, what: String)
    /// No database (or an empty file) where a reader needs one (exit 66).
    case missing(path: String)
    /// A reader met a database an older build wrote; a writer would upgrade it (exit 73).
    case olderThanThisBuild(path: String, found: Int, supported: Int)

    public var description: String {
        switch self {
        case .newerThanThisBuild(let found, let supported):
            return "the database has schema version \(found), newer than this build supports (\(supported)); "
                + "use a newer reform build or another --db"
        case .notOurs(let path, let what):
            return "\(FilePath.printable(path)) is not a ReformIndex database (\(what)); it was left untouched: "
                + "give --db a new file or one that ReformIndex wrote"
        case .missing(let path):
            return "no database at \(FilePath.printable(path)); ingest first"
        case .olderThanThisBuild(let path, let found, let supported):
            return "\(FilePath.printable(path)) has schema version \(found), older than this build's \(supported); "
                + "run reform-ingest or reform-compute on it once to upgrade it"
        case .migrationBrokeForeignKeys:
            return "upgrading the database would leave rows pointing at missing batches; it was left as it was"
        }
    }
}

/// One step of the schema's history: a name saying what it brought, and its SQL.
package struct Migration: Sendable {
    package let name: String
    package let sql: String

    package init(_ name: String, _ sql: String) {
        self.name = name
        self.sql = sql
    }
}
