/// A canonical, fully parenthesised rendering of an expression, for tests and debugging.
///
/// Every operator application is wrapped in parentheses, so the printed form shows exactly
/// how the parser grouped the text:
///
/// | Node | Printed |
/// |---|---|
/// | number, bool, null | as written: `12`, `-3`, `0.5`, `true`, `null` |
/// | string | `"a\"b"` (escapes `\"`, `\\`, `\n`, `\t` re-applied) |
/// | name | `accounts.mrr` |
/// | list | `[1, 2]` |
/// | unary | `(-x)`, `(not x)` |
/// | binary | `(a + b)`, `(a and b)`, `(a == b)` |
/// | membership | `(x in [1, 2])`, `(x not in y)`, `(x in period)` |
/// | between | `(x between a and b)` |
/// | null test | `(x is null)`, `(x is not null)` |
/// | call | `f(a, b)` |
/// | filter | `(accounts where (x == 1))` |
///
/// So `count(accounts where a + b * c > 1)` prints as
/// `count((accounts where ((a + (b * c)) > 1)))`. A folded negative literal prints as `-3`,
/// a negation as `(-3)`; spans are not printed.
extension Expression: CustomStringConvertible {
    /// The canonical fully parenthesised form.
    public var description: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch kind {
        case .number(let text, _):
            out += text
        case .string(let value):
            out += "\""
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                default: out.unicodeScalars.append(scalar)
                }
            }
            out += "\""
        case .bool(let value):
            out += value ? "true" : "false"
        case .null:
            out += "null"
        case .list(let elements):
            out += "["
            writeList(elements, to: &out)
            out += "]"
        case .name(let parts):
            for (offset, part) in parts.enumerated() {
                if offset > 0 { out += "." }
                out += part.text
            }
        case .unary(let op, let operand):
            out += op == .not ? "(not " : "(-"
            operand.write(to: &out)
            out += ")"
        case .binary(let op, let left, let right):
            out += "("
            left.write(to: &out)
            out += " \(op.rawValue) "
            right.write(to: &out)
            out += ")"
        case .inList(let value, let list, let negated):
            out += "("
            value.write(to: &out)
            out += negated ? " not in " : " in "
            list.write(to: &out)
            out += ")"
        case .inPeriod(let value):
            out += "("
            value.write(to: &out)
            out += " in period)"
        case .between(let value, let low, let high):
            out += "("
            value.write(to: &out)
            out += " between "
            low.write(to: &out)
            out += " and "
            high.write(to: &out)
            out += ")"
        case .isNull(let value, let negated):
            out += "("
            value.write(to: &out)
            out += negated ? " is not null)" : " is null)"
        case .call(let function, let arguments):
            out += function.text
            out += "("
            writeList(arguments, to: &out)
            out += ")"
        case .filtered(let source, let predicate):
            out += "("
            source.write(to: &out)
            out += " where "
            predicate.write(to: &out)
            out += ")"
        }
    }

    private func writeList(_ elements: [Expression], to out: inout String) {
        for (offset, element) in elements.enumerated() {
            if offset > 0 { out += ", " }
            element.write(to: &out)
        }
    }
}
