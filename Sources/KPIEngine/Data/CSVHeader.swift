/// The header row of a CSV file: the column names, in file order, and where the data
/// starts.
struct CSVHeader {
    /// The column names, unquoted.
    var names: [String]
    /// The offset of the first byte after the header row.
    var bodyStart: Int

    /// Reads the header row of `count` bytes at `base`, skipping a UTF-8 byte order mark;
    /// the message of the problem if there is no readable header.
    static func parse(_ base: UnsafePointer<UInt8>, count: Int) -> Result<CSVHeader, HeaderProblem> {
        var p = 0
        if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { p = 3 }
        if p == count || base[p] == 0x0A || (base[p] == 0x0D && (p + 1 == count || base[p + 1] == 0x0A)) {
            return .failure(HeaderProblem(message: DataErrorMessage.emptyCSV))
        }
        var names: [String] = []
        while true {
            var text: [UInt8] = []
            if base[p] == 0x22 {
                var q = p + 1
                while true {
                    while q < count, base[q] != 0x22 {
                        text.append(base[q])
                        q += 1
                    }
                    if q >= count {
                        return .failure(HeaderProblem(message: "in the header: " + DataErrorMessage.unterminatedQuote))
                    }
                    if q + 1 < count, base[q + 1] == 0x22 {
                        text.append(0x22)
                        q += 2
                        continue
                    }
                    break
                }
                p = q + 1
                if p < count, base[p] != 0x2C, base[p] != 0x0A, !(base[p] == 0x0D && (p + 1 == count || base[p + 1] == 0x0A)) {
                    return .failure(HeaderProblem(message: "in the header: " + DataErrorMessage.textAfterQuote(base[p])))
                }
            } else {
                while p < count {
                    let byte = base[p]
                    if byte == 0x2C || byte == 0x0A || (byte == 0x0D && (p + 1 == count || base[p + 1] == 0x0A)) { break }
                    if byte == 0x22 {
                        return .failure(HeaderProblem(message: "in the header: " + DataErrorMessage.strayQuote))
                    }
                    text.append(byte)
                    p += 1
                }
            }
            let name = String(decoding: text, as: UTF8.self)
            guard name.utf8.elementsEqual(text) else {
                return .failure(HeaderProblem(message: DataErrorMessage.headerNotUTF8))
            }
            names.append(name)
            if p < count, base[p] == 0x2C {
                p += 1
                continue
            }
            if p < count { p += base[p] == 0x0D && p + 1 < count ? 2 : 1 }
            return .success(CSVHeader(names: names, bodyStart: p))
        }
    }

    /// Why a file has no usable header.
    struct HeaderProblem: Error {
        var message: String
    }
}
