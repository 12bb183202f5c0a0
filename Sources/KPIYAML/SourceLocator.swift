/// Turns libyaml's positions into 1-based `SourceLocation`s that agree with `SourceFile.lines`.
///
/// libyaml's marks carry `index` (characters from the start, where a character is one
/// Unicode scalar, not a byte: `名前` advances it by 2), `line` and `column` (both 0-based).
/// Its `line` counts every YAML line break, including a lone CR, NEL, LS and PS, which
/// `SourceFile` does not split at, and all three skip a leading byte order mark. Going
/// through `index` and our own line table keeps every location consistent with
/// `SourceFile.line(_:)`, so a caret drawn under a column lands on the right character.
struct SourceLocator {
    /// Scalar offset at which each line starts (lines end at "\n", as in `SourceFile`).
    private let lineStarts: [Int]
    /// 1 when the text starts with U+FEFF: libyaml skips it without counting it.
    private let bomScalars: Int

    init(text: String) {
        var starts = [0]
        func scan<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
            var scalarOffset = 0
            for byte in bytes {
                // Count scalars by their lead bytes; continuation bytes are 0b10xxxxxx.
                if byte & 0xC0 != 0x80 {
                    scalarOffset += 1
                    if byte == 0x0A { starts.append(scalarOffset) }
                }
            }
        }
        if text.utf8.withContiguousStorageIfAvailable({ scan($0) }) == nil { scan(text.utf8) }
        lineStarts = starts
        bomScalars = text.unicodeScalars.first == "\u{FEFF}" ? 1 : 0
    }

    /// The line (0-based) of the last location asked for: libyaml's events come in text
    /// order, so the next one is nearly always on the same line or just after it.
    private var recentLine = 0

    /// The location of libyaml's character `index` (a mark's `index` field).
    mutating func location(ofCharacterIndex index: Int) -> SourceLocation {
        let offset = index + bomScalars
        var line = recentLine
        if lineStarts[line] <= offset {
            // Walk forward a few lines; fall back to a binary search for a long jump.
            var steps = 0
            while line + 1 < lineStarts.count, lineStarts[line + 1] <= offset, steps < 8 {
                line += 1
                steps += 1
            }
            if steps == 8 { line = lastLine(startingAtOrBefore: offset) }
        } else {
            line = lastLine(startingAtOrBefore: offset)
        }
        recentLine = line
        return SourceLocation(line: line + 1, column: offset - lineStarts[line] + 1)
    }

    /// The last line (0-based) that starts at or before scalar `offset`.
    private func lastLine(startingAtOrBefore offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset {
                low = middle
            } else {
                high = middle - 1
            }
        }
        return low
    }

    /// The location of the byte at `offset` in UTF-8 (possibly invalid) `bytes`.
    ///
    /// libyaml's reader reports bad input by byte offset, before any mark exists.
    static func location(ofByteOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        var line = 1
        var column = 1
        for byte in bytes.prefix(max(0, offset)) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }

    /// The location of the byte at `offset` in UTF-8 (possibly invalid) `bytes`.
    static func location(ofByteOffset offset: Int, in bytes: [UInt8]) -> SourceLocation {
        bytes.withUnsafeBufferPointer { location(ofByteOffset: offset, in: $0) }
    }
}
