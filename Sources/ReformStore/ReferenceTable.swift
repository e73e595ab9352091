/// The tables reference files fill: survey answers and questions, PAR scores, dated unit lists and
/// merge maps. Each file is one insert statement, its values in the order the statement names.
public enum ReferenceTable: Sendable {
    /// `survey_answer(year, unit_code, respondent_id, question_code, answer)`, a later row replacing.
    case surveyAnswers
    /// `survey_question(question_code, element, kind, text)`, a later row replacing.
    case surveyQuestions
    /// `par_score(year, unit_code, field, criterion, max_points, appraised_points, survey_points,
    /// unit_group)`.
    case parScores
    /// `published766(period, scope, unit_code, unit_name, the six groups, total, portal_order,
    /// batch_id)`, a later row replacing.
    case published766
    /// `unit_list(valid_from_day, level, code, name, parent_code, type, batch_id)`: the file is the
    /// whole list of its day.
    case unitList(validFromDay: Int)
    /// `unit_merge(effective_day, new_code, new_name, old_code, old_name, merge_type, batch_id)`: the
    /// file is the whole map of its day.
    case unitMerge(effectiveDay: Int)

    /// Clears what a file of this table replaces and prepares its insert (inside the file's transaction).
    public func prepareInsert(in database: Database) throws -> Statement {
        database.requireTransaction()
        switch self {
        case .surveyAnswers:
            return try database.prepare(
                """
                INSERT OR REPLACE INTO survey_answer(year, unit_code, respondent_id, question_code, answer)
                VALUES (?, ?, ?, ?, ?)
                """)
        case .surveyQuestions:
            return try database.prepare(
                "INSERT OR REPLACE INTO survey_question(question_code, element, kind, text) VALUES (?, ?, ?, ?)")
        case .parScores:
            return try database.prepare(
                """
                INSERT OR REPLACE INTO par_score(
                    year, unit_code, field, criterion, max_points, appraised_points, survey_points, unit_group)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
        case .published766:
            return try database.prepare(
                """
                INSERT OR REPLACE INTO published766(
                    period, scope, unit_code, unit_name, transparency, progress, online_service, online_payment,
                    satisfaction, digitisation, total, portal_order, batch_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        case .unitList(let day):
            try database.prepare("DELETE FROM unit_list WHERE valid_from_day = ?").run([.int(day)])
            return try database.prepare(
                """
                INSERT INTO unit_list(valid_from_day, level, code, name, parent_code, type, batch_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        case .unitMerge(let day):
            try database.prepare("DELETE FROM unit_merge WHERE effective_day = ?").run([.int(day)])
            return try database.prepare(
                """
                INSERT INTO unit_merge(effective_day, new_code, new_name, old_code, old_name, merge_type, batch_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        }
    }
}
