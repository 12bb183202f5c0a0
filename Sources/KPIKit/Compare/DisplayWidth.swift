extension String {
    /// Terminal cells this text takes: East Asian wide and fullwidth characters count 2,
    /// combining marks and zero-width characters 0, everything else 1.
    ///
    /// Tables of Japanese labels stay aligned only when padded by this width, not by
    /// `count` (a kanji is one `Character` but two cells).
    var displayWidth: Int {
        unicodeScalars.reduce(0) { $0 + $1.terminalWidth }
    }

    /// This text padded with spaces to `width` cells, on the right (`.left` alignment) or
    /// on the left (`.right`); text already as wide or wider is returned unchanged.
    func padded(to width: Int, alignment: TextTable.Alignment = .left) -> String {
        let missing = width - displayWidth
        guard missing > 0 else { return self }
        let padding = String(repeating: " ", count: missing)
        return alignment == .left ? self + padding : padding + self
    }
}

extension Unicode.Scalar {
    /// Cells taken by this scalar in a terminal (the ranges of East Asian Width W and F,
    /// which cover kana, kanji, hangul, fullwidth forms and the common emoji blocks).
    var terminalWidth: Int {
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        switch value {
        case 0x200B...0x200F, 0xFE00...0xFE0F: return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
