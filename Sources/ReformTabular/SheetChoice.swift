/// How `--sheet` picks a workbook's sheet, for every workbook format: a name (exact, then without
/// regard to case), else a number from 1; the first sheet when nothing is asked.
package enum SheetChoice {
    /// The index (from 0) of the sheet `choice` names among `names`; refused naming the sheets.
    package static func index(of choice: String?, in names: [String]) throws -> Int {
        guard let choice, !choice.isEmpty else { return 0 }
        if let index = names.firstIndex(of: choice) { return index }
        let folded = choice.lowercased()
        if let index = names.firstIndex(where: { $0.lowercased() == folded }) { return index }
        if let number = Int(choice), (1...names.count).contains(number) { return number - 1 }
        throw WorkbookError.noSuchSheet(requested: choice, available: names)
    }
}
