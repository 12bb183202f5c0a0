import Foundation

/// Writes command output: to standard output, or to a file atomically (a temporary file
/// in the same folder, then a rename), so a failed run never leaves a half-written report.
enum OutputFile {
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            Terminal.standardOutput.write(text)
            return
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            Terminal.standardError.write("error: cannot write \(path): \(error.localizedDescription)\n")
            throw CommandFailure(code: 1)
        }
    }
}
