import Testing
@_spi(Testing) import KPIYAML

// MARK: - Loading

/// Loads `text` as a file named `test.yaml`.
func load(_ text: String, limits: YAMLLimits = .default) throws(YAMLError) -> [YAMLNode] {
    try YAMLLoader.load(SourceFile(path: "test.yaml", text: text), limits: limits)
}

/// Loads a stream that must hold exactly one document.
func loadDocument(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> YAMLNode {
    let documents = try load(text)
    try #require(documents.count == 1, sourceLocation: sourceLocation)
    return documents[0]
}

/// The error loading `text` fails with (recording an issue if it loads).
func loadError(_ text: String, limits: YAMLLimits = .default, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> YAMLError? {
    do {
        _ = try load(text, limits: limits)
        Issue.record("expected an error, but the text loaded", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// The error with its notes, one `path:line:column: kind: message` line each, as a
/// compiler would print them.
func rendered(_ error: YAMLError) -> String {
    ([error.description] + error.notes.map { "\($0.range.description): note: \($0.message)" })
        .joined(separator: "\n")
}

extension YAMLNode {
    /// `line:column-line:column` of the node's span.
    var span: String { "\(range.start)-\(range.end)" }

    /// Every scalar node of the tree, keys included, in document order.
    var allScalars: [YAMLNode] {
        switch kind {
        case .scalar: [self]
        case .sequence(let items): items.flatMap(\.allScalars)
        case .mapping(let pairs): pairs.flatMap { $0.key.allScalars + $0.value.allScalars }
        }
    }
}

// MARK: - Scalar positions

/// Checks `scalarPositions()` of a scalar node against the file text.
///
/// Every character of the value must be at its location in the file: the same character,
/// or (in double quotes) the backslash of an escape that means it, or (for a line feed or
/// a folding space) a line break, i.e. one column past the end of a line. Locations must
/// rise strictly, and the re-reading must have reproduced the value (no fallback).
func expectPositionsMatchSource(_ node: YAMLNode, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    guard case .scalar(let value, let style) = node.kind else {
        Issue.record("not a scalar: \(node.kindDescription)", sourceLocation: sourceLocation)
        return
    }
    guard let positions = node.exactScalarPositions() else {
        Issue.record("positions of \(value.debugDescription) (\(style)) fell back to the node start", sourceLocation: sourceLocation)
        return
    }
    #expect(positions == node.scalarPositions(), sourceLocation: sourceLocation)
    let scalars = Array(value.unicodeScalars)
    guard positions.count == scalars.count + 1 else {
        Issue.record("\(positions.count) positions for \(scalars.count) scalars", sourceLocation: sourceLocation)
        return
    }
    for (offset, scalar) in scalars.enumerated() {
        let position = positions[offset]
        let line = Array(node.range.file.line(position.line).unicodeScalars)
        let column = position.column - 1
        let what = "\(scalar.escaped(asASCII: true)) (#\(offset) of \(value.debugDescription)) at \(position)"
        let producedByBreak = scalar == "\n" || scalar == " " || scalar == "\u{2028}" || scalar == "\u{2029}"
        if column == line.count {
            #expect(producedByBreak, "\(what) points at a line break", sourceLocation: sourceLocation)
        } else if column >= 0, column < line.count {
            let found = line[column]
            if found == scalar { continue }
            // Line breaks SourceFile does not split at (a lone CR, NEL) are still YAML breaks.
            if producedByBreak, found == "\r" || found == "\u{85}" { continue }
            if style == .doubleQuoted, found == "\\" {
                #expect(decodeEscape(line, at: column) == scalar, "\(what): escape does not match", sourceLocation: sourceLocation)
            } else {
                Issue.record("\(what) points at \(found.escaped(asASCII: true))", sourceLocation: sourceLocation)
            }
        } else {
            Issue.record("\(what) is outside its line", sourceLocation: sourceLocation)
        }
    }
    for index in positions.indices.dropFirst() where !(positions[index - 1] < positions[index]) {
        Issue.record("positions do not rise at #\(index): \(positions[index - 1]) then \(positions[index])", sourceLocation: sourceLocation)
    }
}

/// The character a double-quoted escape at `column` of `line` stands for.
private func decodeEscape(_ line: [Unicode.Scalar], at column: Int) -> Unicode.Scalar? {
    guard column + 1 < line.count else { return nil }
    let simple: [Unicode.Scalar: Unicode.Scalar] = [
        "0": "\0", "a": "\u{07}", "b": "\u{08}", "t": "\t", "\t": "\t", "n": "\n", "v": "\u{0B}",
        "f": "\u{0C}", "r": "\r", "e": "\u{1B}", " ": " ", "\"": "\"", "/": "/", "\\": "\\",
        "N": "\u{85}", "_": "\u{A0}", "L": "\u{2028}", "P": "\u{2029}",
    ]
    let code = line[column + 1]
    if let scalar = simple[code] { return scalar }
    let digits = ["x": 2, "u": 4, "U": 8][String(code)] ?? 0
    guard digits > 0, column + 2 + digits <= line.count else { return nil }
    let hex = String(String.UnicodeScalarView(line[(column + 2)..<(column + 2 + digits)]))
    return UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init)
}
