// swift-tools-version:6.1
import PackageDescription

/// The pipeline, one stage a target:
/// YAML text -> `KPIYAML` (node tree with marks) -> `KPILanguage` (decode, resolve
/// `extends`, check expressions) -> `KPIEngine` (read data, plan, evaluate, render)
/// -> `KPIModules` (per-product modules) -> `KPIKit` (the embedding API) -> `kpi` (CLI).
let package = Package(
    name: "KPIKit",
    products: [
        .library(name: "KPIKit", targets: ["KPIKit"]),
        .executable(name: "kpi", targets: ["kpi"]),
        .plugin(name: "KPICodegen", targets: ["KPICodegen"]),
        .plugin(name: "LintKPIs", targets: ["LintKPIs"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // MARK: - YAML
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "KPIYAML", dependencies: ["CYAML"]),

        // MARK: - Language: model, expressions, checker, diagnostics
        .target(name: "KPILanguage", dependencies: ["KPIYAML"]),

        // MARK: - Engine: data, plan, evaluate, render
        .target(name: "KPIEngine", dependencies: ["KPILanguage"]),

        // MARK: - Per-product modules, built on the engine
        .target(name: "KPIModules", dependencies: ["KPIEngine"]),

        // MARK: - The embedding API and the command line
        .target(name: "KPIKit", dependencies: ["KPILanguage", "KPIEngine", "KPIModules"]),
        .executableTarget(
            name: "kpi",
            dependencies: [
                "KPIKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Plugins: find the definitions, run the package's own `kpi`
        // (shared code in Plugins/PluginsShared, symlinked into each plugin's folder)
        .plugin(name: "KPICodegen", capability: .buildTool(), dependencies: ["kpi"]),
        .plugin(
            name: "LintKPIs",
            capability: .command(intent: .custom(
                verb: "lint-kpis",
                description: "Check the package's KPI definitions and report every diagnostic with its file and line")),
            dependencies: ["kpi"]
        ),

        // MARK: - Benchmarks (numbers printed, never timed in tests)
        .executableTarget(name: "kpi-bench", dependencies: ["KPIKit"], path: "benchmarks/kpi-bench"),

        // MARK: - Tests
        .target(name: "KPITestSupport", dependencies: ["KPIKit"], path: "Tests/KPITestSupport"),
        .testTarget(name: "KPIYAMLTests", dependencies: ["KPIYAML"]),
        .testTarget(
            name: "KPILanguageTests",
            dependencies: ["KPILanguage", "KPITestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "KPIEngineTests", dependencies: ["KPIKit", "KPITestSupport"], exclude: ["Fixtures"]),
    ]
)

// The same language settings on every Swift target.
for target in package.targets where target.type != .system && target.type != .plugin {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    target.swiftSettings = settings
}
