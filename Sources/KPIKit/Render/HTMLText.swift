/// Text for HTML and inline SVG: escaping, coordinates, and an estimate of how wide a
/// label draws, so that chart labels are shortened rather than run into each other.
enum HTMLText {
    /// `text` with `& < > " '` escaped, for element content and attribute values alike.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A message with its `code spans` as `<code>`, everything escaped.
    static func codeSpans(_ text: String) -> String {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().map { index, part in
            index % 2 == 1 ? "<code>\(escape(String(part)))</code>" : escape(String(part))
        }.joined()
    }

    /// A coordinate or length with at most two decimals, no locale.
    static func number(_ value: Double) -> String {
        value.formatted(fractionDigits: 2)
    }

    /// The width `text` is expected to take in a proportional sans-serif font of
    /// `fontSize` pixels: 0.6 em per terminal cell (a kanji is two cells, 1.2 em) — a
    /// little more than most fonts need, so estimates err on the side of room.
    static func estimatedWidth(_ text: String, fontSize: Double) -> Double {
        Double(text.displayWidth) * fontSize * 0.6
    }

    /// `text`, cut with `…` so that it is expected to fit `width` pixels.
    static func fitting(_ text: String, width: Double, fontSize: Double) -> String {
        guard estimatedWidth(text, fontSize: fontSize) > width else { return text }
        var cut = ""
        var used = estimatedWidth("…", fontSize: fontSize)
        for character in text {
            let next = estimatedWidth(String(character), fontSize: fontSize)
            if used + next > width { break }
            cut.append(character)
            used += next
        }
        while cut.last == " " { cut.removeLast() }
        return cut + "…"
    }
}
