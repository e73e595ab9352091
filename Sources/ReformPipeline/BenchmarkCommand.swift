import Foundation
import ReformCalendar
import ReformIngest
import ReformMetrics
import ReformModel
import ReformReport
import ReformStore
import ReformSupport
import ReformTabular

/// `reform benchmark parse FILE [--csv-only]`: reads an export as ingest does (CSV, then header
/// mapping and row validation unless `--csv-only`) without storing anything, and prints what it
/// read and how fast. Benchmarks use it to separate parsing from storage. `reform benchmark hash
/// FILE [--portable]` times the SHA-256 every ingest computes of its file.
public enum BenchmarkCommand {
    public static func hash(path: String, portable: Bool) throws -> String {
        let start = DispatchTime.now().uptimeNanoseconds
        let digest = try SHA256.hexDigest(ofFile: path, hardware: !portable) { false }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)??.intValue ?? 0
        return String(
            format: "sha256=%@ bytes=%d seconds=%.3f mb_per_s=%.1f instructions=%@", digest, bytes, seconds,
            Double(bytes) / 1e6 / seconds, !portable && SHA256.hardwareAvailable ? "sha" : "portable")
    }

    public static func parse(path: String, csvOnly: Bool) throws -> String {
        let start = DispatchTime.now().uptimeNanoseconds
        var reader = try CSVReader(path: path, delimiter: .detect)
        defer { reader.close() }
        var records = 0, accepted = 0, fields = 0
        if csvOnly {
            while try reader.nextRecord() {
                records += 1
                fields += reader.fieldCount
            }
        } else {
            reader.validatesUTF8 = true  // as ingest reads
            let names = try InputFile.header(&reader)
            var parser = DossierRowParser(header: try DossierHeader(fields: names))
            while try reader.nextRecord() {
                records += 1
                if case .accepted = parser.parse(reader) { accepted += 1 }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let megabytes = Double(reader.bytesRead) / 1e6
        return String(
            format: "records=%d accepted=%d fields=%d bytes=%d seconds=%.3f mb_per_s=%.1f rows_per_s=%.0f", records,
            accepted,
            fields, reader.bytesRead, seconds, megabytes / seconds, Double(records) / seconds)
    }
}
