import Foundation
import ReformTestSupport
import Testing

/// The unit column holding names (issue 27.5): OpenCPS's sync to the national portal writes the
/// unit's name into DonViXuLy. With unit lists loaded a name that matches one unit is read as its
/// code, a value that is neither is kept and noted; the form is the one the codes give.
@Suite(.serialized) struct UnitColumnNamesTests {
    /// Ingests `export` into a fresh database with the sample's unit lists of November 2024, then
    /// computes and reports January 2025; returns the ingest's stderr and the form by unit.
    func form(_ work: String, _ export: String) throws -> (stderr: String, form: String) {
        let db = work + "/db.sqlite"
        let units = try ProcessRunner.run(
            "reform-ingest",
            ["--db", db, "--kind", "units", TestPaths.root + "/SampleData/reference/units/hanoi_units_2024-11-01.csv"])
        try #require(units.status == 0, "\(units.stderr)")
        let ingest = try ProcessRunner.run("reform-ingest", ["--db", db, export])
        try #require(ingest.status == 0, "\(ingest.stderr)")
        for tool in ["reform-compute", "reform-report"] {
            let run = try ProcessRunner.run(
                tool, ["--db", db, "--period", "2025-01"] + (tool == "reform-report" ? ["--out", work + "/out"] : []))
            try #require(run.status == 0, "\(run.stderr)")
        }
        return (ingest.stderr, try String(contentsOfFile: work + "/out/2025-01/bieu06_by_unit.csv", encoding: .utf8))
    }

    /// `export` copied to `path` with the unit code column (the fifth) replaced by the Python
    /// expression `unit` of the record `r` and its number `i`.
    func rewrite(_ export: String, to path: String, unit: String) throws {
        let made = try ProcessRunner.runExecutable(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import csv, sys
                rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
                with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
                    w = csv.writer(f)
                    w.writerow(rows[0])
                    for i, r in enumerate(rows[1:]):
                        r[4] = \(unit)
                        w.writerow(r)
                """,
                export, path,
            ])
        try #require(made.status == 0, "\(made.stderr)")
    }

    @Test func namesInTheUnitColumnAreReadAsTheirCodes() throws {
        let sample = TestPaths.root + "/SampleData/exports/2025-01_vnpt.csv"
        let codes = try form(TestPaths.temporaryFolder(), sample)
        // The same export with every unit code written as "UBND <the unit's name>".
        let work = TestPaths.temporaryFolder()
        try rewrite(sample, to: work + "/names.csv", unit: "'UBND ' + r[5]")
        let names = try form(work, work + "/names.csv")
        #expect(names.form == codes.form, "the same form as with codes")
        #expect(names.stderr.contains("the unit column holds the name \"UBND Quận"), "\(names.stderr)")
        #expect(names.stderr.contains("read as the unit"), "\(names.stderr)")
        #expect(!names.stderr.contains("neither a code nor a name"), "\(names.stderr)")
    }

    @Test func aValueThatIsNeitherIsKeptAndNoted() throws {
        let sample = TestPaths.root + "/SampleData/exports/2025-01_vnpt.csv"
        let work = TestPaths.temporaryFolder()
        try rewrite(sample, to: work + "/odd.csv", unit: "'Phường Không Có' if i % 2 == 0 else r[4]")
        let result = try form(work, work + "/odd.csv")
        #expect(
            result.stderr.contains("the unit \"Phường Không Có\" (")
                && result.stderr.contains("is neither a code nor a name of the unit lists; it is kept as written"),
            "\(result.stderr)")
        #expect(result.form.contains(",Phường Không Có,") || result.form.contains("Phường Không Có"))
    }
}
