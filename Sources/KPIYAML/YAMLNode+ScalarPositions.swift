// MARK: - Where each character of a scalar came from

extension YAMLNode {
    /// The file location of every Unicode scalar of this scalar node's value, plus one
    /// location just past the end of the last one.
    ///
    /// Lets a later stage point at a character inside a value (an error in a formula, say)
    /// even when quoting, escapes or line folding make the value differ from the text:
    /// - an escape (`\n`, `\u00e9`, `''` in single quotes) maps to its first character;
    /// - a space or line feed produced by folding a line break maps to that line break
    ///   (one column past the last character of its line);
    /// - indentation and the quotes themselves map to nothing.
    ///
    /// The locations are found by re-reading the node's source text with libyaml's rules.
    /// Should that ever disagree with the loaded value (a case libyaml treats in a way the
    /// re-reading does not), every entry is the node's start instead: still a valid place
    /// to point, only less precise.
    ///
    /// - Returns: `value.unicodeScalars.count + 1` locations for a scalar; empty for a
    ///   mapping or sequence.
    public func scalarPositions() -> [SourceLocation] {
        guard case .scalar(let value, _) = kind else { return [] }
        if let positions = plainOneLinePositions(of: value) { return positions }
        return exactScalarPositions() ?? Array(repeating: range.start, count: value.unicodeScalars.count + 1)
    }

    /// The common case, without re-reading: a plain scalar written on one line whose span
    /// is exactly its value (no anchor, tag, escape or folding), so its scalars sit in
    /// consecutive columns. Gives what `exactScalarPositions()` gives for such a node; nil
    /// for any other node.
    func plainOneLinePositions(of value: String) -> [SourceLocation]? {
        guard case .scalar(_, .plain) = kind, range.start.line == range.end.line else { return nil }
        let count = range.end.column - range.start.column
        let scalars = value.unicodeScalars
        guard count > 0, let first = scalars.first, first != "&", first != "!",
              let last = scalars.last, last != " ", last != "\t" else { return nil }
        let file = range.file
        guard range.start.line >= 1, range.start.line <= file.lines.count, range.start.column >= 1 else { return nil }
        let text = file.text.unicodeScalars
        guard var index = text.index(file.lines[range.start.line - 1].startIndex, offsetBy: range.start.column - 1, limitedBy: text.endIndex)
        else { return nil }
        var written = 0
        for scalar in scalars {
            guard index < text.endIndex, text[index] == scalar, !Self.isLineBreak(scalar) else { return nil }
            text.formIndex(after: &index)
            written += 1
            if written > count { return nil }
        }
        guard written == count else { return nil }
        let line = range.start.line
        let column = range.start.column
        return (0...count).map { SourceLocation(line: line, column: column + $0) }
    }

    /// The line breaks of YAML: LF, CR, NEL, LS and PS.
    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// The locations of `scalarPositions()`, or nil when re-reading the source does not
    /// reproduce the value exactly.
    @_spi(Testing)
    public func exactScalarPositions() -> [SourceLocation]? {
        guard case .scalar(let value, let style) = kind else { return nil }
        return ScalarSourceScanner(range: range)?.positions(of: value, style: style)
    }
}
