// MARK: - Typed ids

extension ProductEvaluation {
    /// The product id, typed.
    public var productID: ProductID { ProductID(product) }

    /// The result of metric `id`, if the product has it.
    /// - Parameter id: a metric id (`CMSMetrics.churnRate`, or `"churn_rate"`).
    public func metric(_ id: MetricID) -> MetricResult? { metric(id.rawValue) }

    /// The rows signal `id` picks, if the product has it.
    /// - Parameter id: a signal id.
    public func signal(_ id: SignalID) -> SignalResult? { signal(id.rawValue) }

    /// The warnings and data errors found while evaluating, as plain values.
    public var issues: [KPIDiagnostic] { diagnostics.map(KPIDiagnostic.init) }
}
