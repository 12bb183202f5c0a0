import Foundation

/// Paths in the repository, found from this file's own path so that tests run from any
/// working directory.
public enum Repository {
    /// The repository root (the folder holding `Package.swift`).
    public static let root: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // KPITestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()
        .path

    /// `relative` below the repository root.
    public static func path(_ relative: String) -> String {
        root + "/" + relative
    }
}
