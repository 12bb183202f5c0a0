public import KPIEngine

extension CatalogComparison {
    /// Attaches what an evaluation found (`kpi compare --data ...`): each product's
    /// scorecard and each metric's value, status and score, so every renderer shows them
    /// next to the definitions.
    ///
    /// Evaluations of products or metrics the comparison does not hold are ignored.
    /// - Parameter evaluations: results of `CatalogEvaluation.run` for the compared products.
    public mutating func attach(_ evaluations: [ProductEvaluation]) {
        for evaluation in evaluations {
            attach(
                EvaluatedProduct(period: evaluation.period.description, score: evaluation.scorecard.score, coverage: evaluation.scorecard.coverage),
                product: evaluation.product)
            for metric in evaluation.metrics {
                attach(EvaluatedMetric(value: metric.value, status: metric.status, score: metric.score), product: evaluation.product, metric: metric.id)
            }
        }
    }
}
