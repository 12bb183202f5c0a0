internal import CYAML

// MARK: - libyaml event loop
//
// The only file that touches libyaml. It pulls one event at a time, turns marks into
// locations and hands the event to `YAMLTreeBuilder`; any error (libyaml's or the
// builder's) ends the loop at once, so a hostile input costs no more than the events
// read before the limit was hit.

extension YAMLLoader {
    /// Parses UTF-8 `bytes` (the text of `file`, or raw bytes being checked) event by event.
    static func parseEvents(_ bytes: UnsafeBufferPointer<UInt8>, file: SourceFile, limits: YAMLLimits) throws(YAMLError) -> [YAMLNode] {
        try parseEvents(bytes, file: file, limits: limits, quoting: nil).documents
    }

    /// Parses UTF-8 `bytes` event by event; with `quoting`, `bytes` are its quoted text and
    /// every mark is mapped back to the original text, the one `file` holds.
    ///
    /// - Returns: The documents, and how many of the quoted type tokens came back as the
    ///   double-quoted scalars they were meant to be (the caller checks that all did).
    static func parseEvents(
        _ bytes: UnsafeBufferPointer<UInt8>,
        file: SourceFile,
        limits: YAMLLimits,
        quoting: FlowTypeQuoting?
    ) throws(YAMLError) -> (documents: [YAMLNode], restoredTokens: Int) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return ([], 0) }

        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        defer {
            parser.deinitialize(count: 1)
            parser.deallocate()
        }
        guard yaml_parser_initialize(parser) == 1 else { throw .outOfMemory(file: file) }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_input_string(parser, base, bytes.count)

        var locator = SourceLocator(text: file.text)
        var builder = YAMLTreeBuilder(file: file, limits: limits)
        var event = yaml_event_t()
        var restoredTokens = 0
        /// libyaml's index of a mark, as an index of the original text.
        let originalIndex = { (index: Int) in quoting?.originalIndex(ofQuotedIndex: index) ?? index }

        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                throw libyamlError(parser, bytes: bytes, locator: &locator, file: file, originalIndex: originalIndex)
            }
            defer { yaml_event_delete(&event) }

            let range = SourceRange(
                file: file,
                start: locator.location(ofCharacterIndex: originalIndex(event.start_mark.index)),
                end: locator.location(ofCharacterIndex: originalIndex(event.end_mark.index))
            )
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return (builder.documents, restoredTokens)
            case YAML_DOCUMENT_START_EVENT:
                builder.startDocument()
            case YAML_DOCUMENT_END_EVENT:
                builder.endDocument()
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                var style = scalarStyle(scalar.style)
                if let quoting, style == .doubleQuoted,
                   quoting.isQuotedToken(start: event.start_mark.index, end: event.end_mark.index) {
                    // A type token quoted for the retry: plain, as written (`range` already
                    // covers the token without the quotes).
                    style = .plain
                    restoredTokens += 1
                }
                try builder.scalar(
                    string(scalar.value, count: scalar.length),
                    style: style,
                    tag: optionalString(scalar.tag),
                    anchor: optionalString(scalar.anchor),
                    range: range
                )
            case YAML_SEQUENCE_START_EVENT:
                let start = event.data.sequence_start
                try builder.startCollection(.sequence, tag: optionalString(start.tag), anchor: optionalString(start.anchor), range: range)
            case YAML_MAPPING_START_EVENT:
                let start = event.data.mapping_start
                try builder.startCollection(.mapping, tag: optionalString(start.tag), anchor: optionalString(start.anchor), range: range)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try builder.endCollection(end: range.end)
            case YAML_ALIAS_EVENT:
                try builder.alias(optionalString(event.data.alias.anchor) ?? "", range: range)
            default:
                // YAML_STREAM_START_EVENT, YAML_NO_EVENT: nothing to build.
                break
            }
        }
    }

    // MARK: - Converting libyaml values

    /// The error libyaml stopped with, as a `YAMLError`.
    private static func libyamlError(
        _ parserPointer: UnsafeMutablePointer<yaml_parser_t>,
        bytes: UnsafeBufferPointer<UInt8>,
        locator: inout SourceLocator,
        file: SourceFile,
        originalIndex: (Int) -> Int
    ) -> YAMLError {
        let parser = parserPointer.pointee
        let problem = optionalString(parser.problem) ?? "unknown problem"
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return .outOfMemory(file: file)
        case YAML_READER_ERROR:
            // No mark yet: the reader reports a byte offset and the offending value.
            let value = Int(parser.problem_value)
            return .unreadableText(
                problem: problem,
                byte: value >= 0 ? value : nil,
                at: SourceLocator.location(ofByteOffset: parser.problem_offset, in: bytes),
                file: file
            )
        default:
            let location = locator.location(ofCharacterIndex: originalIndex(parser.problem_mark.index))
            // A context at the problem itself ("while scanning for the next token") says nothing.
            var context: (String, SourceRange)?
            if let text = optionalString(parser.context), parser.context_mark.index != parser.problem_mark.index {
                let start = locator.location(ofCharacterIndex: originalIndex(parser.context_mark.index))
                context = (text, SourceRange(file: file, start: start, end: start))
            }
            return .syntax(
                problem: problem,
                at: SourceRange(file: file, start: location, end: location),
                context: context,
                nextCharacter: file.line(location.line).unicodeScalars.dropFirst(location.column - 1).first
            )
        }
    }

    private static func scalarStyle(_ style: yaml_scalar_style_t) -> YAMLNode.ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    /// A scalar's value: `count` bytes of UTF-8, which may contain NUL (from `"\0"`).
    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, count: Int) -> String {
        guard let pointer else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// A NUL-terminated libyaml string (tag, anchor, problem), or nil.
    private static func optionalString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func optionalString(_ pointer: UnsafePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
