import ReformModel
import ReformSupport
import ReformTabular

/// How far `reform check` opens an input: its header, found as an ingest finds it, and what the
/// ingest would make of it — read (where the header is, how many columns are read) or refused
/// (the ingest's own reason). The rows below the header are not read.
package enum HeaderProbe {
    /// A header the ingest would refuse, with its reason.
    package struct Refusal: Error, CustomStringConvertible {
        package var description: String
    }

    /// The kinds whose header a probe knows: dossier exports and submitted reports.
    package static func requirement(for kind: String) -> HeaderRequirement? {
        switch kind {
        case "dossiers": return InputFile.dossierHeader
        case "report": return SubmittedReportIngester.requirement
        default: return nil
        }
    }

    /// Where the header of `path` is and how many of its columns are read ("header row 3 of sheet
    /// \"Hồ sơ\", 9 of 12 columns read"); throws the ingest's refusal.
    package static func describe(
        path: String, requirement: HeaderRequirement, encoding: InputEncoding, sheet: String?
    ) throws -> String {
        let format = try InputFormat.of(path: path)
        if format == .text {
            var reader = try CSVReader(path: path, encoding: encoding, delimiter: .detect)
            defer { reader.close() }
            let names = try InputFile.header(&reader)
            guard requirement.accepts(names) else { throw Refusal(description: requirement.refusal(names)) }
            return "header row 1, \(names.filter(requirement.knows).count) of \(names.count) columns read"
        }
        var (reader, table) = try TableInput.open(
            path: path, format: format, encoding: encoding, sheet: sheet, requirement: requirement)
        reader.close()
        let rows = table.headerRows
        let place =
            rows.count == 1 ? "header row \(rows.lowerBound)" : "header rows \(rows.lowerBound)–\(rows.upperBound)"
        return place + " of sheet \"\(PersonalData.masked(table.sheetName))\", "
            + "\(table.header.filter(requirement.knows).count) of \(table.header.count) columns read"
    }
}
