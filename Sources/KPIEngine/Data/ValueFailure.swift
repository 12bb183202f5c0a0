/// Why the text of a field is not a value of its type.
enum ValueFailure: UInt8 {
    /// Not the syntax of the type at all.
    case syntax
    /// The syntax of the type, but too large (int, money).
    case outOfRange
    /// A money amount with more than four significant decimal places.
    case tooManyDecimals
    /// `YYYY-MM-DD` that names no day .
    case notADay
}
