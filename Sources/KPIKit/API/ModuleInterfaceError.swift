/// A module interface file that cannot be used, and why.
public struct ModuleInterfaceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What is wrong and how to fix it.
    public var message: String

    /// `path: error: message`.
    public var description: String { "\(path): error: \(message)" }
}
