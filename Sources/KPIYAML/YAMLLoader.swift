/// The first stage of the pipeline: YAML text in, one node tree per document out.
///
/// The loader is strict and bounded (house style rule 12):
/// - every node keeps the span it was read from (1-based line:column, columns counting
///   Unicode scalars), so later stages can point at the exact text;
/// - scalars are kept as text with their style; nothing is interpreted (`yes`, `on`, `1.0`
///   stay strings; only later stages decide what a value means);
/// - duplicate keys and non-scalar keys are errors;
/// - aliases are expanded into copies of their anchored node, with a bound on the number
///   of nodes that expansion may produce; nesting depth and input size are bounded too;
/// - the merge key `<<` is not special: it is an ordinary key whose value is whatever
///   follows it (usually an alias), so `<<: *defaults` loads as one pair with key `<<`.
///
/// One exception, for the language contract: a field type such as `money[JPY]` or
/// `category[a, b]` written as a value inside `{...}` is not YAML, but loads as the plain
/// scalar the user wrote (see `FlowTypeQuoting`). Nothing valid in YAML changes meaning.
///
/// Parsing is event-based over libyaml (see `YAMLLoader+Events.swift`); the tree is built
/// by `YAMLTreeBuilder`.
public enum YAMLLoader {
    /// Loads every document of a YAML stream.
    ///
    /// - Parameters:
    ///   - file: The text to read; every node keeps a reference to it.
    ///   - limits: Bounds on input size, nesting depth and alias expansion.
    /// - Returns: One root node per document, in order; an empty stream (or one holding
    ///   only comments) gives an empty array.
    /// - Throws: `YAMLError` for the first problem found: bad syntax, a duplicate or
    ///   non-scalar key, an unknown alias, or a limit exceeded.
    public static func load(_ file: SourceFile, limits: YAMLLimits = .default) throws(YAMLError) -> [YAMLNode] {
        let byteCount = file.text.utf8.count
        guard byteCount <= limits.maxBytes else {
            throw .tooLarge(byteCount: byteCount, limit: limits.maxBytes, file: file)
        }
        guard byteCount > 0 else { return [] }
        let syntaxError: YAMLError
        do throws(YAMLError) {
            return try parse(file.text, file: file, limits: limits, quoting: nil).documents
        } catch where error.code == .syntax {
            syntaxError = error
        }

        // Contract compatibility (see `FlowTypeQuoting`): `{ amount: money[JPY] }` is not
        // YAML, but the language contract writes field types that way. Retry once with such
        // types quoted; marks, styles and the file still describe the text as written.
        guard let quoting = FlowTypeQuoting(original: file.text) else { throw syntaxError }
        let retry: (documents: [YAMLNode], restoredTokens: Int)
        do throws(YAMLError) {
            retry = try parse(quoting.text, file: file, limits: limits, quoting: quoting)
        } catch where error.code == .syntax {
            // Still not YAML: the original error is the one that describes the user's text.
            // (Other errors, such as a duplicate key, are real and already placed in the
            // text as written: they propagate.)
            throw syntaxError
        }
        // Every quote pair must have become one double-quoted scalar; if one fell into a
        // comment or a quoted or block scalar, the retry read something the user did not write.
        guard retry.restoredTokens == quoting.tokens.count else { throw syntaxError }
        return retry.documents
    }

    /// Parses `text`, the text of `file` or (with `quoting`) its quoted copy.
    private static func parse(
        _ text: String,
        file: SourceFile,
        limits: YAMLLimits,
        quoting: FlowTypeQuoting?
    ) throws(YAMLError) -> (documents: [YAMLNode], restoredTokens: Int) {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(YAMLError) in
                try parseEvents(bytes, file: file, limits: limits, quoting: quoting)
            }
        }
        return try result.get()
    }

    /// Loads every document of a YAML stream given as raw bytes, which must be UTF-8.
    ///
    /// Use this rather than decoding the bytes yourself: decoding would silently replace
    /// invalid UTF-8 with U+FFFD, while this reports where the bad bytes are.
    ///
    /// - Parameters:
    ///   - bytes: The contents of the file.
    ///   - path: The path shown in diagnostics.
    ///   - limits: Bounds on input size, nesting depth and alias expansion.
    /// - Returns: One root node per document, in order.
    /// - Throws: `YAMLError`; `.encoding` when the bytes are not UTF-8 text.
    public static func load(bytes: [UInt8], path: String, limits: YAMLLimits = .default) throws(YAMLError) -> [YAMLNode] {
        if let text = String(validating: bytes, as: UTF8.self) {
            return try load(SourceFile(path: path, text: text), limits: limits)
        }
        let file = SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self))
        guard bytes.count <= limits.maxBytes else {
            throw .tooLarge(byteCount: bytes.count, limit: limits.maxBytes, file: file)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw .utf16(file: file)
        }
        // libyaml finds the bad byte and names the problem; it reads ahead far enough that
        // it nearly always reports that before any syntax error. If it does not, say so
        // ourselves at the first invalid byte.
        let libyamlError: YAMLError? = bytes.withUnsafeBufferPointer { buffer in
            do throws(YAMLError) {
                _ = try parseEvents(buffer, file: file, limits: limits)
                return nil
            } catch {
                return error
            }
        }
        if let libyamlError, libyamlError.code == .encoding {
            throw libyamlError
        }
        let offset = firstInvalidUTF8Offset(bytes) ?? 0
        throw .unreadableText(
            problem: "invalid UTF-8",
            byte: Int(bytes[offset]),
            at: SourceLocator.location(ofByteOffset: offset, in: bytes),
            file: file
        )
    }

    /// The offset of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }
}
