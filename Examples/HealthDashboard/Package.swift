// swift-tools-version:6.1
import PackageDescription

/// A program that embeds KPIKit: its own KPI definitions (`kpi-definitions/`, compiled in
/// by the `KPICodegen` build plugin), its own per-product module, and its own data.
///
///     swift run                      # evaluate and print the dashboard
///     swift package lint-kpis        # check the definitions, diagnostics with file and line
let package = Package(
    name: "HealthDashboard",
    dependencies: [
        // `name:` so the product reference below works whatever the checkout's folder is called.
        .package(name: "KPIKit", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "HealthDashboard",
            dependencies: [.product(name: "KPIKit", package: "KPIKit")],
            plugins: [.plugin(name: "KPICodegen", package: "KPIKit")]
        ),
    ]
)
