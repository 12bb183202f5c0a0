import Foundation

/// Reads a file as it was at a git revision (`git show REV:path`), for `kpi diff --against`.
public enum GitRevision {
    /// Why the file at a revision cannot be read.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// `git` could not be started.
        case gitUnavailable(String)
        /// The file's folder is not inside a git work tree.
        case notARepository(folder: String)
        /// The revision names no commit.
        case unknownRevision(String)
        /// git failed for another reason; its message.
        case failed(String)

        /// The message, with what to do about it.
        public var description: String {
            switch self {
            case .gitUnavailable(let reason):
                return "cannot run git (\(reason)); install git, or compare two files with `kpi diff OLD NEW`"
            case .notARepository(let folder):
                return "\(folder) is not inside a git repository; compare two files with `kpi diff OLD NEW` instead"
            case .unknownRevision(let revision):
                return "unknown revision `\(revision)`; use a commit, branch or tag such as HEAD, HEAD~1 or main (see `git log`)"
            case .failed(let message):
                return "git failed: \(message)"
            }
        }
    }

    /// The text of `path` at `revision`, or nil when the file did not exist there.
    /// - Parameters:
    ///   - path: a file in a git work tree (relative to the current folder, or absolute).
    ///   - revision: a commit, branch, tag or any revision git understands (`HEAD~2`).
    /// - Throws: `Failure` when git cannot run, the file is not in a repository, or the
    ///   revision is unknown.
    public static func contents(of path: String, at revision: String) throws(Failure) -> String? {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        guard FileManager.default.fileExists(atPath: folder) else { throw .notARepository(folder: folder) }

        let topLevel = try run(["rev-parse", "--show-toplevel"], in: folder)
        guard topLevel.status == 0 else { throw .notARepository(folder: folder) }
        guard !revision.isEmpty, !revision.hasPrefix("-") else { throw .unknownRevision(revision) }
        let commit = try run(["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"], in: folder)
        guard commit.status == 0 else { throw .unknownRevision(revision) }
        // `REV:./name` is relative to the folder git runs in, so no path arithmetic.
        let show = try run(["show", "\(revision):./\(name)"], in: folder)
        if show.status == 0 { return String(decoding: show.output, as: UTF8.self) }
        let message = String(decoding: show.error, as: UTF8.self)
        if message.contains("does not exist in") || message.contains("exists on disk, but not in") {
            return nil
        }
        throw .failed(message.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Runs git with `arguments` in `folder`.
    private static func run(_ arguments: [String], in folder: String) throws(Failure) -> (status: Int32, output: Data, error: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw .gitUnavailable(error.localizedDescription)
        }
        // Read both pipes to the end before waiting, so a full pipe cannot block git.
        let errorData = ErrorCollector(error.fileHandleForReading)
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = errorData.wait()
        if process.terminationStatus == 127 { throw .gitUnavailable("git was not found") }
        return (process.terminationStatus, outputData, stderr)
    }
}

/// Reads a pipe to its end on another thread.
private final class ErrorCollector: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
