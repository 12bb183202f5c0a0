/// Parses a field type as written in `fields:` — `money[JPY]`, `category[smb, mid, ent]`, `date?`.
enum FieldTypeParser {
    struct Problem: Error {
        var message: String
    }

    static let baseNames = ["string", "int", "decimal", "bool", "date", "money", "category"]

    static func parse(_ text: String) -> Result<FieldType, Problem> {
        // The plain types as usually written, without going through the general reading
        // below (which gives the same for them).
        switch text {
        case "string": return .success(FieldType(.string))
        case "int": return .success(FieldType(.int))
        case "decimal": return .success(FieldType(.decimal))
        case "bool": return .success(FieldType(.bool))
        case "date": return .success(FieldType(.date))
        case "string?": return .success(FieldType(.string, nullable: true))
        case "int?": return .success(FieldType(.int, nullable: true))
        case "decimal?": return .success(FieldType(.decimal, nullable: true))
        case "bool?": return .success(FieldType(.bool, nullable: true))
        case "date?": return .success(FieldType(.date, nullable: true))
        default: break
        }
        var body = text.trimmingWhitespace()
        var nullable = false
        if body.hasSuffix("?") {
            nullable = true
            body = String(body.dropLast()).trimmingWhitespace()
        }
        var argument: String?
        var name = body
        if let open = body.firstIndex(of: "[") {
            guard body.hasSuffix("]") else {
                return .failure(Problem(message: "type `\(text)` opens `[` but does not close it; write `money[JPY]` or `category[a, b]`"))
            }
            name = String(body[..<open]).trimmingWhitespace()
            argument = String(body[body.index(after: open)..<body.index(before: body.endIndex)])
        }
        switch name {
        case "string", "int", "decimal", "bool", "date":
            if argument != nil {
                return .failure(Problem(message: "type `\(name)` takes no `[...]`"))
            }
            let base: FieldType.Base = switch name {
            case "string": .string
            case "int": .int
            case "decimal": .decimal
            case "bool": .bool
            default: .date
            }
            return .success(FieldType(base, nullable: nullable))
        case "money":
            guard let code = argument?.trimmingWhitespace(), !code.isEmpty else {
                return .failure(Problem(message: "`money` needs its currency, such as `money[JPY]` or `money[USD]`"))
            }
            guard code.count == 3, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
                return .failure(Problem(message: "`\(code)` is not an ISO 4217 currency code; use three capital letters such as `JPY`"))
            }
            return .success(FieldType(.money(currency: code), nullable: nullable))
        case "category":
            let values = (argument ?? "").split(separator: ",").map { String($0).trimmingWhitespace() }
            guard argument != nil, !values.isEmpty, !values.contains(where: \.isEmpty) else {
                return .failure(Problem(message: "`category` lists its values, such as `category[smb, mid, ent]`"))
            }
            var seen: Set<String> = []
            for value in values where !seen.insert(value).inserted {
                return .failure(Problem(message: "`category` lists `\(value)` twice"))
            }
            return .success(FieldType(.category(values), nullable: nullable))
        default:
            let hint = Suggestion.didYouMean(name, in: baseNames)
            return .failure(Problem(message: "unknown type `\(name)`\(hint.isEmpty ? "; use string, int, decimal, bool, date, money[CUR] or category[a, b]" : hint)"))
        }
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        if let first = scalars.first, let last = scalars.last,
           first != " ", first != "\t", first != "\n", first != "\r",
           last != " ", last != "\t", last != "\n", last != "\r" {
            return String(self)
        }
        guard let start = scalars.firstIndex(where: { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" }),
              let end = scalars.lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" }) else { return "" }
        var out = ""
        out.unicodeScalars.append(contentsOf: scalars[start...end])
        return out
    }
}
