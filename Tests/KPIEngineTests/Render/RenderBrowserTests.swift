import Foundation
@testable import KPIKit
import Testing

/// The HTML report in a real browser: headless Chromium opens the page and screenshots
/// it. Skipped on a machine without `chromium`, except on CI (`CI=true`), where a missing
/// browser fails the run (`.ci/run` installs it with `fonts-noto-cjk`).
@Suite("Render: HTML in a real browser")
struct RenderBrowserTests {
    /// `chromium` on `PATH`, if there is one.
    static let chromium: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/chromium"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static let onCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// The most a screenshot may take before the browser is stopped.
    static let timeout: Duration = .seconds(90)

    @Test("CI has a browser", .enabled(if: chromium == nil && onCI))
    func browserOnCI() {
        Issue.record("chromium is not on PATH, and CI=true: install it (apt-get install -y chromium fonts-noto-cjk), as .ci/run does")
    }

    @Test("chromium renders the report to a 1280-pixel-wide PNG", .enabled(if: chromium != nil))
    func screenshot() throws {
        let chromium = try #require(Self.chromium)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        let png = folder.appendingPathComponent("report.png")
        let html = EvaluationRenderer.render(
            [RenderFixture.shop(), RenderFixture.ops()], products: try RenderFixture.products(), format: .html, colors: false)
        try html.write(to: page, atomically: true, encoding: .utf8)

        let log = folder.appendingPathComponent("chromium.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
            "--screenshot=\(png.path)", "--window-size=1280,2000", page.absoluteString,
        ]
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let clock = ContinuousClock()
        let deadline = clock.now + Self.timeout
        while process.isRunning, clock.now < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            Issue.record("chromium took longer than \(Self.timeout); its output:\n\(Self.text(log))")
            return
        }
        #expect(process.terminationStatus == 0, "chromium exited with \(process.terminationStatus):\n\(Self.text(log))")

        let data = try #require(FileManager.default.contents(atPath: png.path), "no screenshot; chromium said:\n\(Self.text(log))")
        // A page of text and charts, not a blank image (a blank 1280 x 2000 PNG is ~10 kB).
        #expect(data.count > 40_000, "the screenshot is only \(data.count) bytes")
        let bytes = [UInt8](data.prefix(24))
        try #require(bytes.count == 24)
        #expect(bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "not a PNG")
        #expect(String(decoding: bytes[12..<16], as: UTF8.self) == "IHDR")
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1280)
        #expect(height == 2000)
    }

    static func text(_ file: URL) -> String {
        (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }
}
