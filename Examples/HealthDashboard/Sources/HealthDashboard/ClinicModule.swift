import KPIKit

/// ClinicDesk's own per-product module: two functions the language does not have, and a
/// check that only makes sense for clinics.
///
/// The `kpi` tool that checks the definitions at build time does not have this Swift code,
/// so `kpi-definitions/kpi-modules.json` declares the same functions as data. At run time
/// the embedded definitions are checked again with this module, which would report any
/// difference between the two.
struct ClinicModule: ProductModule {
    static let id = "clinic"

    var description: ModuleDescription {
        ModuleDescription(
            id: Self.id,
            summary: "Clinics: seats in use and patients who do not turn up.",
            models: [.subscription],
            functions: [
                FunctionSignature(
                    name: "utilization", kind: .row, parameters: [.number, .number],
                    summary: "utilization(used, bought): used over bought, clamped to 0...1; null when none were bought",
                    result: { _ in .number }),
                FunctionSignature(
                    name: "no_show_rate", kind: .aggregate, parameters: [.string],
                    summary: "no_show_rate(status): no-shows over attended and no-shows (cancellations left out); null without either",
                    result: { _ in .number }),
            ])
    }

    var defaults: ModuleDefaults {
        ModuleDefaults(touch: .init(high: 0.1, low: 0.3, tech: 0.6), keyConcepts: ["outcome", "adoption", "churn"], starterTemplate: "")
    }

    /// A clinic product should measure whether patients turn up.
    func check(_ product: CheckedProduct) -> [Diagnostic] {
        guard !product.metrics.contains(where: { $0.definition.concept?.value == "outcome" }) else { return [] }
        return [.warning("clinic-no-outcome", "clinic product `\(product.id)` has no `outcome` metric; add one such as `no_show_rate(status where booked_on in period)`", at: product.definition.id.range)]
    }

    func evaluateRow(_ name: String, arguments: [ColumnVector], rowCount: Int, resultType: ValueType) throws -> ColumnVector {
        guard name == "utilization", arguments.count == 2 else { throw ModuleRuntimeError("module `clinic` has no row function `\(name)`") }
        return rowByRow(arguments, rowCount: rowCount, type: resultType) { row in
            guard let used = row[0].doubleValue, let bought = row[1].doubleValue, bought > 0 else { return .null }
            return .number(min(1, max(0, used / bought)))
        }
    }

    func evaluateAggregate(_ name: String, arguments: [ColumnVector], rows: [Bool]?, resultType: ValueType) throws -> Scalar {
        guard name == "no_show_rate", arguments.count == 1 else { throw ModuleRuntimeError("module `clinic` has no aggregate function `\(name)`") }
        var noShows = 0
        var seen = 0
        for index in 0..<arguments[0].count where rows?[index] ?? true {
            switch arguments[0].scalar(at: index) {
            case .string("no_show"): noShows += 1; seen += 1
            case .string("attended"): seen += 1
            default: continue
            }
        }
        return seen == 0 ? .null : .number(Double(noShows) / Double(seen))
    }
}
