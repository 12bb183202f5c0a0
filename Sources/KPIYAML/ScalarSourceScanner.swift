/// Re-reads the source text of one scalar node with libyaml's scanning rules, recording
/// where each character of the value comes from.
///
/// The text read is exactly the node's span (libyaml's start and end marks), so where a
/// scalar ends is already known; what is reproduced is how libyaml turns that text into
/// the value: escapes, `''`, line folding, block indentation and chomping. Each step below
/// mirrors the function of libyaml's `scanner.c` it names.
struct ScalarSourceScanner {
    /// The scalars of the node's span.
    private let source: [Unicode.Scalar]
    /// The file location of each scalar of `source`, plus one past the end.
    private let locations: [SourceLocation]
    /// libyaml's 0-based column at each scalar of `source` (plus one past the end); it
    /// restarts after every YAML line break, including CR, NEL, LS and PS.
    private let columns: [Int]

    init?(range: SourceRange) {
        let file = range.file
        guard
            let startIndex = Self.index(of: range.start, in: file),
            let endIndex = Self.index(of: range.end, in: file),
            startIndex <= endIndex
        else { return nil }

        var source: [Unicode.Scalar] = []
        var locations: [SourceLocation] = []
        var columns: [Int] = []
        var line = range.start.line
        var column = range.start.column
        // libyaml does not count a leading byte order mark; SourceLocation does.
        var yamlColumn = column - 1 - (line == 1 && file.text.unicodeScalars.first == "\u{FEFF}" ? 1 : 0)
        for scalar in file.text.unicodeScalars[startIndex..<endIndex] {
            source.append(scalar)
            locations.append(SourceLocation(line: line, column: column))
            columns.append(yamlColumn)
            if scalar == "\n" {
                line += 1
                column = 1
                yamlColumn = 0
            } else {
                column += 1
                yamlColumn = Self.isBreak(scalar) ? 0 : yamlColumn + 1
            }
        }
        locations.append(SourceLocation(line: line, column: column))
        columns.append(yamlColumn)
        self.source = source
        self.locations = locations
        self.columns = columns
    }

    /// The location of each scalar of `value` and one past its end, or nil when the
    /// source does not reproduce `value`.
    func positions(of value: String, style: YAMLNode.ScalarStyle) -> [SourceLocation]? {
        let expected = Array(value.unicodeScalars)
        let start = contentStart()
        let reproduction: Reproduction?
        switch style {
        case .plain:
            reproduction = plain(from: start)
        case .singleQuoted:
            reproduction = quoted(from: start, single: true)
        case .doubleQuoted:
            reproduction = quoted(from: start, single: false)
        case .literal, .folded:
            // The indentation of the enclosing block collection is part of libyaml's state,
            // not of the node; try each possible one (the first nearly always fits).
            let literal = style == .literal
            reproduction = (-1...max(-1, columns[start])).lazy
                .compactMap { block(from: start, literal: literal, parentIndent: $0) }
                .first { $0.scalars == expected }
        }
        guard let reproduction, reproduction.scalars == expected else { return nil }
        return reproduction.sources.map { locations[$0] } + [locations[reproduction.endIndex]]
    }

    // MARK: - Node properties

    /// Skips an anchor (`&a`) and a tag (`!!str`) before the scalar; the node's span starts
    /// at the first of them.
    private func contentStart() -> Int {
        var index = 0
        while let scalar = peek(index), scalar == "&" || scalar == "!" {
            while let scalar = peek(index), !Self.isBlank(scalar), !Self.isBreak(scalar) { index += 1 }
            while let scalar = peek(index) {
                if Self.isBlank(scalar) || Self.isBreak(scalar) {
                    index += 1
                } else if scalar == "#" {
                    while let scalar = peek(index), !Self.isBreak(scalar) { index += 1 }
                } else {
                    break
                }
            }
        }
        return index
    }

    // MARK: - Plain scalars (yaml_parser_scan_plain_scalar)

    /// Reads the whole span: its end is known, so no indicator ends the scalar early. That
    /// also covers a type token such as `category[a, b]` loaded from inside `{...}` (see
    /// `FlowTypeQuoting`), whose `[`, `,` and `]` are text.
    private func plain(from start: Int) -> Reproduction {
        var out = Reproduction(start: start)
        var blanks = Blanks()
        var index = start
        while index < source.count {
            while let scalar = peek(index), !Self.isBlank(scalar), !Self.isBreak(scalar) {
                blanks.join(into: &out)
                out.append(Piece(scalar, from: index, to: index + 1))
                index += 1
            }
            consumeBlanks(&index, into: &blanks)
        }
        return out
    }

    // MARK: - Quoted scalars (yaml_parser_scan_flow_scalar)

    private func quoted(from start: Int, single: Bool) -> Reproduction? {
        let quote: Unicode.Scalar = single ? "'" : "\""
        guard peek(start) == quote else { return nil }
        var index = start + 1
        var out = Reproduction(start: index)
        var blanks = Blanks()
        while index < source.count {
            while let scalar = peek(index), !Self.isBlank(scalar), !Self.isBreak(scalar) {
                if single, scalar == "'", peek(index + 1) == "'" {
                    out.append(Piece("'", from: index, to: index + 2))
                    index += 2
                } else if scalar == quote {
                    break
                } else if !single, scalar == "\\", let next = peek(index + 1), Self.isBreak(next) {
                    // An escaped line break joins the lines without a space.
                    index += 1
                    _ = readLineBreak(&index)
                    blanks.leadingBlanks = true
                    break
                } else if !single, scalar == "\\" {
                    guard let escaped = escape(&index) else { return nil }
                    out.append(escaped)
                } else {
                    out.append(Piece(scalar, from: index, to: index + 1))
                    index += 1
                }
            }
            if peek(index) == nil || peek(index) == quote { break }
            consumeBlanks(&index, into: &blanks)
            blanks.join(into: &out)
        }
        return out
    }

    /// A double-quoted escape starting at the backslash at `index`; moves past it.
    private func escape(_ index: inout Int) -> Piece? {
        guard let code = peek(index + 1) else { return nil }
        let start = index
        let simple: Unicode.Scalar
        var hexDigits = 0
        switch code {
        case "0": simple = "\0"
        case "a": simple = "\u{07}"
        case "b": simple = "\u{08}"
        case "t", "\t": simple = "\t"
        case "n": simple = "\n"
        case "v": simple = "\u{0B}"
        case "f": simple = "\u{0C}"
        case "r": simple = "\r"
        case "e": simple = "\u{1B}"
        case " ", "\"", "/", "'", "\\": simple = code
        case "N": simple = "\u{85}"
        case "_": simple = "\u{A0}"
        case "L": simple = "\u{2028}"
        case "P": simple = "\u{2029}"
        case "x": simple = "?"; hexDigits = 2
        case "u": simple = "?"; hexDigits = 4
        case "U": simple = "?"; hexDigits = 8
        default: return nil
        }
        index += 2
        guard hexDigits > 0 else { return Piece(simple, from: start, to: index) }
        var value: UInt32 = 0
        for _ in 0..<hexDigits {
            guard let digit = peek(index).flatMap(Self.hexValue) else { return nil }
            value = value << 4 | digit
            index += 1
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return Piece(scalar, from: start, to: index)
    }

    // MARK: - Block scalars (yaml_parser_scan_block_scalar)

    private func block(from start: Int, literal: Bool, parentIndent: Int) -> Reproduction? {
        guard peek(start) == (literal ? "|" : ">") else { return nil }
        var index = start + 1

        // Header: chomping and indentation indicators, in either order.
        var chomping = 0
        var increment = 0
        if let scalar = peek(index), scalar == "+" || scalar == "-" {
            chomping = scalar == "+" ? 1 : -1
            index += 1
            if let digit = peek(index).flatMap(Self.indentationDigit) {
                increment = digit
                index += 1
            }
        } else if let digit = peek(index).flatMap(Self.indentationDigit) {
            increment = digit
            index += 1
            if let scalar = peek(index), scalar == "+" || scalar == "-" {
                chomping = scalar == "+" ? 1 : -1
                index += 1
            }
        }
        while let scalar = peek(index), Self.isBlank(scalar) { index += 1 }
        if peek(index) == "#" {
            while let scalar = peek(index), !Self.isBreak(scalar) { index += 1 }
        }
        if let scalar = peek(index), Self.isBreak(scalar) {
            _ = readLineBreak(&index)
        }

        var out = Reproduction(start: index)
        var indent = increment > 0 ? (parentIndent >= 0 ? parentIndent + increment : increment) : 0
        var leadingBreak: [Piece] = []
        var trailingBreaks: [Piece] = []
        var leadingBlank = false
        blockBreaks(&index, indent: &indent, breaks: &trailingBreaks, parentIndent: parentIndent)

        while index < source.count, columns[index] == indent {
            let trailingBlank = Self.isBlank(source[index])
            if !literal, let first = leadingBreak.first, first.scalar == "\n", !leadingBlank, !trailingBlank {
                // Folding: the line break between two lines of text becomes a space.
                if trailingBreaks.isEmpty { out.append(Piece(" ", from: first.from, to: first.to)) }
            } else {
                out.append(leadingBreak)
            }
            leadingBreak.removeAll()
            out.append(trailingBreaks)
            trailingBreaks.removeAll()

            leadingBlank = Self.isBlank(source[index])
            while let scalar = peek(index), !Self.isBreak(scalar) {
                out.append(Piece(scalar, from: index, to: index + 1))
                index += 1
            }
            if index < source.count { leadingBreak = [readLineBreak(&index)] }
            blockBreaks(&index, indent: &indent, breaks: &trailingBreaks, parentIndent: parentIndent)
        }

        // Chomping: `-` strips the final line break, `+` keeps the trailing empty lines too.
        if chomping != -1 { out.append(leadingBreak) }
        if chomping == 1 { out.append(trailingBreaks) }
        return out
    }

    /// Eats indentation and empty lines; settles the indentation if it is not known yet
    /// (yaml_parser_scan_block_scalar_breaks).
    private func blockBreaks(_ index: inout Int, indent: inout Int, breaks: inout [Piece], parentIndent: Int) {
        var widest = 0
        while true {
            while indent == 0 || columns[index] < indent, peek(index) == " " { index += 1 }
            widest = max(widest, columns[index])
            guard let scalar = peek(index), Self.isBreak(scalar) else { break }
            breaks.append(readLineBreak(&index))
        }
        if indent == 0 { indent = max(widest, parentIndent + 1, 1) }
    }

    // MARK: - Blanks and line breaks shared by plain and quoted scalars

    /// Spaces and line breaks read between two pieces of text, not yet in the value.
    private struct Blanks {
        /// Spaces and tabs on the current line (kept if more text follows on the line).
        var whitespaces: [Piece] = []
        /// True once a line break was read; the indentation after it is then dropped.
        var leadingBlanks = false
        /// The first line break.
        var leadingBreak: [Piece] = []
        /// Further line breaks (empty lines), each kept as a line feed.
        var trailingBreaks: [Piece] = []

        /// Puts the pending blanks into the value, folding line breaks as YAML does.
        mutating func join(into out: inout Reproduction) {
            if leadingBlanks {
                if let first = leadingBreak.first, first.scalar == "\n" {
                    if trailingBreaks.isEmpty {
                        out.append(Piece(" ", from: first.from, to: first.to))
                    } else {
                        out.append(trailingBreaks)
                    }
                } else {
                    out.append(leadingBreak)
                    out.append(trailingBreaks)
                }
                leadingBreak.removeAll()
                trailingBreaks.removeAll()
                leadingBlanks = false
            } else if !whitespaces.isEmpty {
                out.append(whitespaces)
                whitespaces.removeAll()
            }
        }
    }

    /// Reads spaces, tabs and line breaks into `blanks`.
    private func consumeBlanks(_ index: inout Int, into blanks: inout Blanks) {
        while let scalar = peek(index), Self.isBlank(scalar) || Self.isBreak(scalar) {
            if Self.isBlank(scalar) {
                if !blanks.leadingBlanks { blanks.whitespaces.append(Piece(scalar, from: index, to: index + 1)) }
                index += 1
            } else if !blanks.leadingBlanks {
                blanks.whitespaces.removeAll()
                blanks.leadingBreak = [readLineBreak(&index)]
                blanks.leadingBlanks = true
            } else {
                blanks.trailingBreaks.append(readLineBreak(&index))
            }
        }
    }

    /// A line break as libyaml stores it: CR LF, CR, LF and NEL become a line feed; LS and
    /// PS stay themselves.
    private func readLineBreak(_ index: inout Int) -> Piece {
        let start = index
        let scalar = source[index]
        if scalar == "\r", peek(index + 1) == "\n" {
            index += 2
        } else {
            index += 1
        }
        let stored: Unicode.Scalar = scalar == "\u{2028}" || scalar == "\u{2029}" ? scalar : "\n"
        return Piece(stored, from: start, to: index)
    }

    // MARK: - Characters

    private func peek(_ index: Int) -> Unicode.Scalar? {
        index >= 0 && index < source.count ? source[index] : nil
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t"
    }

    private static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{85}" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// 1...9 for an explicit indentation indicator.
    private static func indentationDigit(_ scalar: Unicode.Scalar) -> Int? {
        guard scalar >= "1", scalar <= "9" else { return nil }
        return Int(scalar.value - ("0" as Unicode.Scalar).value)
    }

    private static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 0x30
        case "a"..."f": scalar.value - 0x61 + 10
        case "A"..."F": scalar.value - 0x41 + 10
        default: nil
        }
    }

    /// The `String.Index` of a 1-based location in `file`.
    private static func index(of location: SourceLocation, in file: SourceFile) -> String.Index? {
        guard location.line >= 1, location.line <= file.lines.count, location.column >= 1 else { return nil }
        let scalars = file.text.unicodeScalars
        return scalars.index(file.lines[location.line - 1].startIndex, offsetBy: location.column - 1, limitedBy: scalars.endIndex)
    }
}

/// One character of a scalar's value and the span of source text it was read from.
private struct Piece {
    var scalar: Unicode.Scalar
    /// Index of the first source scalar.
    var from: Int
    /// Index just past the last source scalar.
    var to: Int

    init(_ scalar: Unicode.Scalar, from: Int, to: Int) {
        self.scalar = scalar
        self.from = from
        self.to = to
    }
}

/// The value being reproduced, with where each of its scalars was read.
private struct Reproduction {
    var scalars: [Unicode.Scalar] = []
    /// For each scalar, the index of the first source scalar it was read from.
    var sources: [Int] = []
    /// The source index just past the last scalar read (the content start while empty).
    var endIndex: Int

    init(start: Int) {
        endIndex = start
    }

    mutating func append(_ piece: Piece) {
        scalars.append(piece.scalar)
        sources.append(piece.from)
        endIndex = piece.to
    }

    mutating func append(_ pieces: [Piece]) {
        for piece in pieces { append(piece) }
    }
}
