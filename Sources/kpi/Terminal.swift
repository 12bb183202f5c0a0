import Foundation

/// Where output goes, and whether it may be coloured.
struct Terminal {
    let handle: FileHandle
    let fileDescriptor: Int32

    static let standardOutput = Terminal(handle: .standardOutput, fileDescriptor: 1)
    static let standardError = Terminal(handle: .standardError, fileDescriptor: 2)

    func write(_ text: String) {
        handle.write(Data(text.utf8))
    }

    /// Colour only on a terminal, and never when `NO_COLOR` is set (no-color.org).
    var supportsColor: Bool {
        if let value = ProcessInfo.processInfo.environment["NO_COLOR"], !value.isEmpty { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(fileDescriptor) != 0
    }

    var isInteractive: Bool { isatty(fileDescriptor) != 0 }
}
