/// Why one record is rejected (docs/contract.md §7 reason codes).
public enum RejectReason: String, CaseIterable, Sendable {
    case missingValue = "missing_value"
    case badDate = "bad_date"
    case badChannel = "bad_channel"
    case badStatus = "bad_status"
    case completedBeforeReceived = "completed_before_received"
    case terminalWithoutDate = "terminal_without_date"
    case pendingWithCompletion = "pending_with_completion"
    case fieldCount = "field_count"
    case invalidUTF8 = "invalid_utf8"
    case nulByte = "nul_byte"
    case unterminatedQuote = "unterminated_quote"
    case badValue = "bad_value"
    /// The record is longer than the reader holds (2 MiB): it was skipped to the next line end.
    case recordTooLarge = "record_too_large"
    /// A stored column (an id, a code) holds a phone number, citizen ID number or e-mail address.
    case personalData = "personal_data"
}
