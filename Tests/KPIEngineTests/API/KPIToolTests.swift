import Foundation
import KPIKit
import Testing

private typealias T = APITestSupport

/// The built `kpi` executable, next to the test bundle (`swift test` builds every target).
enum KPITool {
    static let url: URL? = {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let tool = folder.appendingPathComponent("kpi")
        return FileManager.default.isExecutableFile(atPath: tool.path) ? tool : nil
    }()

    /// Runs `kpi arguments`; its exit status, standard output and standard error.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        // Standard error to a file, standard output through a pipe read to its end before
        // waiting: neither can fill up and block the tool.
        let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-stderr-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let errorFile = try #require(FileHandle(forWritingAtPath: errorPath))
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errorFile
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorFile.close()
        let errorText = try String(contentsOfFile: errorPath, encoding: .utf8)
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), errorText)
    }
}

/// The command line the plugins run: `kpi validate --format json` and `kpi generate-swift`.
@Suite(.enabled(if: KPITool.url != nil, "needs the `kpi` executable built next to the tests"))
struct KPIToolTests {
    static let broken = """
        kpi: 1
        product: p
        model: one-time
        sources:
          sales:
            fields: { id: string, amount: money[EUR] }
        metrics:
          total:
            formula: sum(amont)
        """

    @Test func validatePrintsOneJSONDiagnosticALine() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.broken.write(toFile: folder + "/p.yaml", atomically: true, encoding: .utf8)
        let run = try KPITool.run(["validate", "--format", "json", "--quiet", folder])
        #expect(run.status == 1)
        #expect(run.error == "")
        #expect(run.output == """
            {"severity":"error","code":"unknown-name","message":"unknown name `amont`: no field, segment or metric is called that; did you mean `amount`?","path":"\(folder)/p.yaml","line":9,"column":18,"endLine":9,"endColumn":23,"notes":[]}

            """)
        // Every line decodes as a `KPIDiagnostic`.
        let decoded = try run.output.split(separator: "\n").map { try JSONDecoder().decode(KPIDiagnostic.self, from: Data($0.utf8)) }
        #expect(decoded.map(\.description) == ["\(folder)/p.yaml:9:18: error: unknown name `amont`: no field, segment or metric is called that; did you mean `amount`?"])
    }

    @Test func validateChecksModuleCallsWithInterfaces() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ModuleInterfaceTests.product.text.write(toFile: folder + "/p.yaml", atomically: true, encoding: .utf8)
        try ModuleInterfaceTests.interfaceJSON.write(toFile: folder + "/kpi-modules.json", atomically: true, encoding: .utf8)
        let without = try KPITool.run(["validate", "--format", "json", "--quiet", folder])
        #expect(without.status == 1)
        #expect(without.output.contains(#""code":"unknown-module""#))
        let with = try KPITool.run(["validate", "--format", "json", "--quiet", "--modules", folder + "/kpi-modules.json", folder])
        #expect(with.status == 0)
        #expect(with.output == "")
        let badFile = try KPITool.run(["validate", "--format", "json", "--modules", folder + "/none.json", folder])
        #expect(badFile.status == 1)
        #expect(badFile.output == #"{"severity":"error","code":"module-interface","message":"cannot read the module interface file; check that it exists","path":"\#(folder)/none.json","line":null,"column":null,"endLine":null,"endColumn":null,"notes":[]}"# + "\n")
    }

    @Test func generateSwiftWritesTheReferenceOutput() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try KPITool.run(["generate-swift", "--catalog", T.catalogFolder, "--output", folder + "/KPIDefinitions.swift"])
        #expect(run.status == 0)
        #expect(run.error == "")
        let written = try String(contentsOfFile: folder + "/KPIDefinitions.swift", encoding: .utf8)
        let reference = try String(contentsOfFile: T.fixtures + "/KPIDefinitions.swift", encoding: .utf8)
        #expect(written == reference)
    }

    @Test func generateSwiftFailsAtTheBrokenDefinition() throws {
        let folder = try T.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/kpi-definitions", withIntermediateDirectories: true)
        try Self.broken.write(toFile: folder + "/kpi-definitions/p.yaml", atomically: true, encoding: .utf8)
        let run = try KPITool.run(["generate-swift", "--catalog", folder + "/kpi-definitions", "--output", folder + "/Out.swift"])
        #expect(run.status == 1)
        #expect(run.output == "")
        #expect(run.error == """
            \(folder)/kpi-definitions/p.yaml:9:18: error: unknown name `amont`: no field, segment or metric is called that; did you mean `amount`?
                formula: sum(amont)
                             ^~~~~
            \(folder)/kpi-definitions: 1 error; no Swift written

            """)
        #expect(!FileManager.default.fileExists(atPath: folder + "/Out.swift"))
    }
}
