-- The schema of a ReformIndex database (version 18), as SQLite keeps it.
-- Generated from a fresh database; SchemaHistoryTests holds it equal. Do not edit.

CREATE INDEX dossier_version_by_id ON dossier_version(dossier_id);

CREATE INDEX submitted_row_by_period ON submitted_row(first_day, last_day, unit_key);

CREATE TABLE "batch"(
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
    rejects_file TEXT NOT NULL DEFAULT '', sheet TEXT NOT NULL DEFAULT '', skipped INTEGER, title TEXT NOT NULL DEFAULT '', stated_unit TEXT NOT NULL DEFAULT '', stated_from_day INTEGER, stated_to_day INTEGER,
    UNIQUE(sha256, kind, encoding)
);

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
    no_due INTEGER NOT NULL, new_online_full INTEGER NOT NULL DEFAULT 0, new_online_partial INTEGER NOT NULL DEFAULT 0, extended INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY(period, dimension, key)
) WITHOUT ROWID;

CREATE TABLE compute_run(
    period TEXT PRIMARY KEY,
    last_batch_id INTEGER NOT NULL,
    rule_set TEXT NOT NULL
, counting TEXT NOT NULL DEFAULT '') WITHOUT ROWID;

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

CREATE TABLE deadline_finding(
    period TEXT NOT NULL,
    dossier_id TEXT NOT NULL,
    unit_id INTEGER NOT NULL,
    finding TEXT NOT NULL,
    appointment_day INTEGER NOT NULL,
    statutory_day INTEGER NOT NULL,
    PRIMARY KEY(period, dossier_id)
) WITHOUT ROWID;

CREATE TABLE delegation_result(
    index_year INTEGER NOT NULL, seq INTEGER NOT NULL,
    "as_of" TEXT NOT NULL, "measure" TEXT NOT NULL, "numerator" INTEGER NOT NULL,
    "denominator" INTEGER NOT NULL, "rate" INTEGER, "published_rate" TEXT, "agrees" INTEGER,
    PRIMARY KEY(index_year, seq), UNIQUE(index_year, "measure")
) WITHOUT ROWID;

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
, online_payment INTEGER NOT NULL DEFAULT 0, digitized INTEGER NOT NULL DEFAULT 0, e_result INTEGER NOT NULL DEFAULT 0, reused_data INTEGER NOT NULL DEFAULT 0, supplement_count INTEGER NOT NULL DEFAULT 0, supplement_days INTEGER NOT NULL DEFAULT 0, complaint INTEGER NOT NULL DEFAULT 0, waiting_supplement INTEGER NOT NULL DEFAULT 0, online_mode INTEGER NOT NULL DEFAULT 0, extended INTEGER NOT NULL DEFAULT 0, extended_due_at INTEGER, extended_due_day INTEGER) WITHOUT ROWID;

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
, online_payment INTEGER NOT NULL DEFAULT 0, digitized INTEGER NOT NULL DEFAULT 0, e_result INTEGER NOT NULL DEFAULT 0, reused_data INTEGER NOT NULL DEFAULT 0, supplement_count INTEGER NOT NULL DEFAULT 0, supplement_days INTEGER NOT NULL DEFAULT 0, complaint INTEGER NOT NULL DEFAULT 0, waiting_supplement INTEGER NOT NULL DEFAULT 0, online_mode INTEGER NOT NULL DEFAULT 0, extended INTEGER NOT NULL DEFAULT 0, extended_due_at INTEGER, extended_due_day INTEGER);

CREATE TABLE field(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);

CREATE TABLE identity_violation(
    period TEXT NOT NULL,
    dimension TEXT NOT NULL,
    key TEXT NOT NULL,
    identity TEXT NOT NULL,
    left_value INTEGER NOT NULL,
    right_value INTEGER NOT NULL
);

CREATE TABLE index766_published_result(
    index_year INTEGER NOT NULL, seq INTEGER NOT NULL,
    "period" TEXT NOT NULL, "scope" TEXT NOT NULL, "unit_code" TEXT NOT NULL, "unit_name" TEXT NOT NULL,
    "measure" TEXT NOT NULL, "published" INTEGER NOT NULL, "max_points" INTEGER NOT NULL,
    "own_unit_code" TEXT, "own_score" INTEGER, "difference" INTEGER, "rank" INTEGER, "portal_order" INTEGER,
    PRIMARY KEY(index_year, seq), UNIQUE(index_year, "period", "scope", "unit_code", "measure")
) WITHOUT ROWID;

CREATE TABLE index766_result(
    index_year INTEGER NOT NULL, seq INTEGER NOT NULL,
    "period" TEXT NOT NULL, "unit_code" TEXT NOT NULL, "unit_name" TEXT NOT NULL, "criterion" TEXT NOT NULL,
    "numerator" INTEGER, "denominator" INTEGER, "ratio" INTEGER, "max_points" INTEGER NOT NULL,
    "score" INTEGER, "rank" INTEGER, "group" TEXT NOT NULL DEFAULT '',
    PRIMARY KEY(index_year, seq), UNIQUE(index_year, "period", "unit_code", "criterion")
) WITHOUT ROWID;

CREATE TABLE index_run(index_year INTEGER PRIMARY KEY, last_batch INTEGER NOT NULL DEFAULT 0);

CREATE TABLE par_result(
    index_year INTEGER NOT NULL, seq INTEGER NOT NULL,
    "year" INTEGER NOT NULL, "unit_code" TEXT NOT NULL, "unit_name" TEXT NOT NULL, "field" TEXT NOT NULL,
    "points" INTEGER NOT NULL, "max_points" INTEGER NOT NULL, "sub_index" INTEGER, "index" INTEGER,
    "rank" INTEGER, "class" TEXT, "change_pp" INTEGER, "group" TEXT NOT NULL DEFAULT '',
    PRIMARY KEY(index_year, seq), UNIQUE(index_year, "year", "unit_code", "field")
) WITHOUT ROWID;

CREATE TABLE par_score(
    year INTEGER NOT NULL, unit_code TEXT NOT NULL, field INTEGER NOT NULL, criterion TEXT NOT NULL,
    max_points INTEGER NOT NULL, appraised_points INTEGER NOT NULL, survey_points INTEGER NOT NULL, unit_group TEXT NOT NULL DEFAULT '',
    PRIMARY KEY(year, unit_code, field, criterion)
) WITHOUT ROWID;

CREATE TABLE procedure(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '', in_catalogue INTEGER NOT NULL DEFAULT 0, field TEXT NOT NULL DEFAULT '', level TEXT NOT NULL DEFAULT '', statutory_time INTEGER, time_unit TEXT, online_level TEXT NOT NULL DEFAULT '', has_fee INTEGER NOT NULL DEFAULT 0, paper_result_required INTEGER NOT NULL DEFAULT 0, delegation_plan INTEGER NOT NULL DEFAULT 0, decision_required INTEGER NOT NULL DEFAULT 0, delegation_decision TEXT NOT NULL DEFAULT '', internal_process INTEGER NOT NULL DEFAULT 0, as_of_day INTEGER, catalogue_batch INTEGER);

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

CREATE TABLE published766(
    period TEXT NOT NULL, scope TEXT NOT NULL, unit_code TEXT NOT NULL, unit_name TEXT NOT NULL,
    transparency INTEGER NOT NULL, progress INTEGER NOT NULL, online_service INTEGER NOT NULL,
    online_payment INTEGER NOT NULL, satisfaction INTEGER NOT NULL, digitisation INTEGER NOT NULL,
    total INTEGER NOT NULL, portal_order INTEGER, batch_id INTEGER NOT NULL,
    PRIMARY KEY(period, scope, unit_code)
) WITHOUT ROWID;

CREATE TABLE refused_file(
    source_path TEXT NOT NULL, kind TEXT NOT NULL, file_name TEXT NOT NULL, sha256 TEXT NOT NULL,
    reason TEXT NOT NULL, refused_at TEXT NOT NULL,
    PRIMARY KEY(source_path, kind)
) WITHOUT ROWID;

CREATE TABLE reject(
    batch_id INTEGER NOT NULL REFERENCES batch(id),
    line INTEGER NOT NULL,
    reason TEXT NOT NULL,
    column_name TEXT NOT NULL,
    dossier_id TEXT NOT NULL,
    unit_code TEXT NOT NULL, received_day INTEGER,
    PRIMARY KEY(batch_id, line)
) WITHOUT ROWID;

CREATE TABLE sipas_expectation_result(
    index_year INTEGER NOT NULL, seq INTEGER NOT NULL,
    "year" INTEGER NOT NULL, "unit_code" TEXT NOT NULL, "unit_name" TEXT NOT NULL, "element" TEXT NOT NULL,
    "question_code" TEXT NOT NULL, "answers" INTEGER NOT NULL, "high" INTEGER NOT NULL, "share" INTEGER,
    PRIMARY KEY(index_year, seq), UNIQUE(index_year, "year", "unit_code", "question_code")
) WITHOUT ROWID;

CREATE TABLE sipas_result(
    index_year INTEGER NOT NULL, seq INTEGER NOT NULL,
    "year" INTEGER NOT NULL, "unit_code" TEXT NOT NULL, "unit_name" TEXT NOT NULL, "element" TEXT NOT NULL,
    "answers" INTEGER NOT NULL, "satisfied" INTEGER NOT NULL, "index" INTEGER, "ci_low" INTEGER,
    "ci_high" INTEGER, "rank" INTEGER, "group" TEXT NOT NULL DEFAULT '',
    PRIMARY KEY(index_year, seq), UNIQUE(index_year, "year", "unit_code", "element")
) WITHOUT ROWID;

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
, not_given TEXT NOT NULL DEFAULT '');

CREATE TABLE survey_answer(
    year INTEGER NOT NULL, unit_code TEXT NOT NULL, respondent_id TEXT NOT NULL, question_code TEXT NOT NULL,
    answer INTEGER,
    PRIMARY KEY(year, unit_code, respondent_id, question_code)
) WITHOUT ROWID;

CREATE TABLE survey_question(
    question_code TEXT PRIMARY KEY, element INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE unit(id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '');

CREATE TABLE unit_alias(
    old_name TEXT NOT NULL,
    new_name TEXT NOT NULL,
    from_day INTEGER NOT NULL,
    batch_id INTEGER NOT NULL REFERENCES batch(id)
);

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

CREATE TABLE upgrade_note(name TEXT PRIMARY KEY, last_batch_id INTEGER NOT NULL) WITHOUT ROWID;
