import Foundation
import ReformTestSupport
import Testing

@testable import ReformCalendar
@testable import ReformMetrics
@testable import ReformModel
@testable import ReformReport
@testable import ReformStore
@testable import ReformSupport
@testable import ReformTabular

/// The HTML reports in a real browser (headless Chromium, Debian's chromium-headless-shell, which
/// .ci/run installs): each page renders to a screenshot that is not blank, makes no request beyond
/// its own file, and prints to a PDF with pages.
@Suite(.serialized, .requires(.chromium)) struct BrowserTests {
    let root = TestPaths.root

    /// Renders `page` (copied alone into a fresh folder, so any relative asset would be a visible
    /// request) and returns the checker's verdict.
    func render(_ page: String) throws -> ProcessRunner.Output {
        let browser = try #require(
            Requirement.browser, "chromium-headless-shell is not installed (apt-get install chromium-headless-shell)")
        let work = TestPaths.temporaryFolder("browser")
        let copy = work + "/" + FilePath.lastComponent(of: page)
        try FileManager.default.copyItem(atPath: page, toPath: copy)
        let common = ["--no-sandbox", "--disable-gpu", "--headless", "--user-data-dir=\(work)/profile"]
        let shot = try ProcessRunner.runExecutable(
            browser,
            common + [
                "--log-net-log=\(work)/net.json", "--screenshot=\(work)/shot.png", "--window-size=1280,1600",
                "file://" + copy,
            ], in: work)
        #expect(shot.status == 0, "\(shot.stderr)")
        let pdf = try ProcessRunner.runExecutable(
            browser, common + ["--no-pdf-header-footer", "--print-to-pdf=\(work)/page.pdf", "file://" + copy], in: work)
        #expect(pdf.status == 0, "\(pdf.stderr)")
        return try ProcessRunner.runExecutable(
            "/usr/bin/env",
            [
                "python3", root + "/Tests/Oracle/browser_check.py", work + "/shot.png", work + "/net.json",
                work + "/page.pdf",
            ])
    }

    @Test(arguments: [
        "Reports/2025-03/report.html", "Reports/2025/indices.html", "Reports/audit/current/comparison.html",
        "Reports/audit/legacy/comparison.html", "Reports/2024-12-15_2025-03-14/report.html",
        "Reports/2024-12-15_2025-03-14/consolidated.html", "Reports/index.html", "Reports/audit/index.html",
        "Reports/2025-01/report.html",
    ])
    func reportPageRendersOffline(page: String) throws {
        let verdict = try render(root + "/" + page)
        #expect(verdict.status == 0, "\(page): \(verdict.stdout)\(verdict.stderr)")
    }

    /// The checks themselves catch what they look for: a page fetching from the network, and a blank page.
    @Test func checksCatchExternalRequestsAndBlankPages() throws {
        let work = TestPaths.temporaryFolder()
        try Data(
            #"<!DOCTYPE html><html><body><img src="http://example.invalid/logo.png"><link rel="stylesheet" href="https://cdn.example.invalid/a.css"></body></html>"#
                .utf8
        ).write(to: URL(fileURLWithPath: work + "/fetching.html"))
        let verdict = try render(work + "/fetching.html")
        #expect(verdict.status == 1)
        #expect(
            verdict.stdout.contains(
                "external requests: http://example.invalid/logo.png https://cdn.example.invalid/a.css"))
        #expect(verdict.stdout.contains("blank screenshot"))
    }
}
