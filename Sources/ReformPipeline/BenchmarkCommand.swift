import FoundationEssentials
import ReformIngest
import ReformMetrics
import ReformModel
import ReformSupport
import ReformTabular

#if canImport(Glibc)
    import Glibc
#endif

/// `reform benchmark parse FILE [--csv-only]`: reads an export as ingest does (CSV, then header
/// mapping and row validation unless `--csv-only`) without storing anything, and prints what it
/// read and how fast. Benchmarks use it to separate parsing from storage. `reform benchmark hash
/// FILE [--portable]` times the SHA-256 every ingest computes of its file.
public enum BenchmarkCommand {
    public static func hash(path: String, portable: Bool) throws -> String {
        let clock = ContinuousClock(), start = clock.now
        let digest = try SHA256.hexDigest(ofFile: path, hardware: !portable) { false }
        let seconds = Self.seconds(since: start, clock)
        var info = stat()
        let bytes = stat(path, &info) == 0 ? Int(info.st_size) : 0
        return "sha256=\(digest) bytes=\(bytes) seconds=\(fixed(seconds, 3)) "
            + "mb_per_s=\(fixed(Double(bytes) / 1e6 / seconds, 1)) "
            + "instructions=\(!portable && SHA256.hardwareAvailable ? "sha" : "portable")"
    }

    public static func parse(path: String, csvOnly: Bool) throws -> String {
        let clock = ContinuousClock(), start = clock.now
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
        let seconds = Self.seconds(since: start, clock)
        let megabytes = Double(reader.bytesRead) / 1e6
        return "records=\(records) accepted=\(accepted) fields=\(fields) bytes=\(reader.bytesRead) "
            + "seconds=\(fixed(seconds, 3)) mb_per_s=\(fixed(megabytes / seconds, 1)) "
            + "rows_per_s=\(fixed(Double(records) / seconds, 0))"
    }

    private static func seconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let elapsed = (clock.now - start).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }

    /// `value` with `decimals` digits after the point (as printf's %.Nf for the finite values here).
    private static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return value > 0 ? "inf" : "nan" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(scaled) }
        let whole = scaled / Int64(scale), fraction = String(scaled % Int64(scale))
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }
}
