/// A file (or an in-memory string) that YAML was read from, shared by every node read from it.
///
/// Nodes keep a reference so that any stage can say where a piece of a definition came
/// from and show the source line under a diagnostic.
public final class SourceFile: Sendable, Hashable {
    /// The path as given by the user (or a name such as `<string>` for text in memory).
    public let path: String
    /// The whole text.
    public let text: String
    /// The text split into lines (without line terminators), for diagnostics.
    public let lines: [Substring]

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        self.lines = Self.splitLines(text)
    }

    /// `text` split at each "\n" (a "\r\n" ends a line as a whole), empty lines kept: the
    /// same lines as splitting its `Character`s at "\n" and "\r\n", since a line feed is a
    /// character of its own, or the end of "\r\n", in every text. Found byte by byte.
    static func splitLines(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        // (start, end) byte offsets of each line.
        var bounds: [(Int, Int)] = []
        func scan<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
            var lineStart = 0
            var offset = 0
            var previous: UInt8 = 0
            for byte in bytes {
                if byte == 0x0A {
                    bounds.append((lineStart, previous == 0x0D ? offset - 1 : offset))
                    lineStart = offset + 1
                }
                previous = byte
                offset += 1
            }
            bounds.append((lineStart, offset))
        }
        if utf8.withContiguousStorageIfAvailable({ scan($0) }) == nil { scan(utf8) }
        var lines: [Substring] = []
        lines.reserveCapacity(bounds.count)
        var index = utf8.startIndex
        var indexOffset = 0
        for (start, end) in bounds {
            index = utf8.index(index, offsetBy: start - indexOffset)
            let endIndex = utf8.index(index, offsetBy: end - start)
            lines.append(text[index..<endIndex])
            indexOffset = start
        }
        return lines
    }

    /// The 1-based line `number`, or an empty string past the end.
    public func line(_ number: Int) -> Substring {
        guard number >= 1, number <= lines.count else { return "" }
        return lines[number - 1]
    }

    public static func == (lhs: SourceFile, rhs: SourceFile) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// A 1-based line and column (columns count Unicode scalars, as libyaml does).
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A span in a source file: `start` inclusive, `end` exclusive.
public struct SourceRange: Sendable, Hashable {
    public var file: SourceFile
    public var start: SourceLocation
    public var end: SourceLocation

    public init(file: SourceFile, start: SourceLocation, end: SourceLocation) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// `path:line:column` of the start.
    public var description: String { "\(file.path):\(start.line):\(start.column)" }
}
