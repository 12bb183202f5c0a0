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
        return exactScalarPositions() ?? Array(repeating: range.start, count: value.unicodeScalars.count + 1)
    }

    /// The locations of `scalarPositions()`, or nil when re-reading the source does not
    /// reproduce the value exactly.
    @_spi(Testing)
    public func exactScalarPositions() -> [SourceLocation]? {
        guard case .scalar(let value, let style) = kind else { return nil }
        return ScalarSourceScanner(range: range)?.positions(of: value, style: style)
    }
}
