import ArgumentParser
import KPIKit

extension KPI {
    /// `kpi explain PRODUCT [METRIC]`: what a metric is made of, and where each piece is written.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a metric's formula and dependency tree, with where each piece is defined.",
            discussion: """
                With a metric: its settings (formula, concept, unit, weight, target, \
                thresholds), each with the product or base and the `path:line:column` where \
                it is written, then the tree of what the formula reads: metrics, sources, \
                derived fields and segments, down to the declared fields with their types. \
                Pieces inherited through `extends` point into the base that declares them.

                With a product only: its metrics with concept, weight and share of the weight.

                Exit status: 0, 1 when the product has definition errors, 2 for an unknown \
                product or metric.

                Examples:
                  kpi explain cms
                  kpi explain cms ltv
                """
        )

        @Argument(help: "The product id.")
        var product: String

        @Argument(help: "The metric id; leave out to list the product's metrics.")
        var metric: String?

        @OptionGroup var catalog: CatalogOptions

        func run() throws {
            let check = KPIKitCatalog.check(paths: [catalog.catalog])
            guard let product = try catalog.products([product], in: check).first else { return }
            let renderer = ExplanationTextRenderer()
            guard let metric else {
                Terminal.standardOutput.write(renderer.render(ProductExplanation(product)))
                return
            }
            guard let explanation = MetricExplanation(metric: metric, in: product) else {
                let ids = product.definition.metrics.map(\.id.value)
                throw usageError("product `\(product.id)` has no metric `\(metric)`\(Diagnostics.didYouMean(metric, in: ids)); run `kpi explain \(product.id)` to list its metrics")
            }
            Terminal.standardOutput.write(renderer.render(explanation))
        }
    }
}
