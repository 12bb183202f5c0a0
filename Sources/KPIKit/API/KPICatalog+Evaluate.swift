// MARK: - Evaluating

extension KPICatalog {
    /// Evaluates one product for a period: every metric, the scorecard, the health score
    /// and the signals.
    ///
    /// - Parameters:
    ///   - product: the product id.
    ///   - data: files, tables, or a provider; see ``KPIData``.
    ///   - period: the period (`try Period(parsing: "2026-10")`); the previous period is
    ///     evaluated too, for each metric's change.
    ///   - by: a category field or segment to break every metric down by, if any.
    ///   - periods: more than 1 adds a series of that many periods ending with `period`.
    /// - Returns: the results, with warnings (a division by zero) in `diagnostics`.
    /// - Throws: ``KPIEvaluationError`` when there is no such product, its data is missing
    ///   or does not fit the definitions, or the provider fails.
    public func evaluate(
        _ product: ProductID, on data: KPIData, period: Period, by: String? = nil, periods: Int = 1
    ) async throws(KPIEvaluationError) -> ProductEvaluation {
        try await evaluate([product], on: data, period: period, by: by, periods: periods)[0]
    }

    /// Evaluates several products on one data set: each source is read (or requested
    /// from the provider) once, with the columns any of the products reads, and the
    /// products are evaluated concurrently.
    ///
    /// - Parameters:
    ///   - products: the product ids.
    ///   - data: files, tables, or a provider; see ``KPIData``.
    ///   - period: the period.
    ///   - by: a category field or segment to break every metric down by, if any.
    ///   - periods: more than 1 adds a series of that many periods ending with `period`.
    /// - Returns: one result per product, in the order given.
    /// - Throws: ``KPIEvaluationError``; see ``evaluate(_:on:period:by:periods:)``.
    public func evaluate(
        _ products: [ProductID], on data: KPIData, period: Period, by: String? = nil, periods: Int = 1
    ) async throws(KPIEvaluationError) -> [ProductEvaluation] {
        guard (1...120).contains(periods) else {
            throw KPIEvaluationError(.invalidArgument, "`periods` must be between 1 and 120; got \(periods)")
        }
        var chosen: [(product: KPIProduct, evaluator: Evaluator)] = []
        for id in products {
            guard let product = product(id), let evaluator = evaluators[id] else {
                throw KPIEvaluationError(
                    .unknownProduct,
                    "no product `\(id)` in the catalog (it has \(self.products.map(\.id.rawValue).joined(separator: ", ")))\(NameSuggestion.didYouMean(id.rawValue, in: self.products.map(\.id.rawValue)))",
                    product: id)
            }
            chosen.append((product, evaluator))
        }
        let tables = try await Self.tables(for: chosen.map(\.product), from: data)
        return try await Self.run(chosen.map(\.evaluator), tables: tables, period: period, by: by, periods: periods)
    }

    // MARK: - Data

    /// The table of every source the products read, from `data`.
    static func tables(for products: [KPIProduct], from data: KPIData) async throws(KPIEvaluationError) -> [String: Table] {
        switch data.storage {
        case .tables(let tables):
            return Dictionary(tables.map { ($0.key.rawValue, $0.value) }, uniquingKeysWith: { first, _ in first })
        case .files(let bindings):
            return try files(for: products, bindings: bindings)
        case .provider(let provider):
            return try await provided(for: try requests(for: products), by: provider)
        }
    }

    private static func files(for products: [KPIProduct], bindings: [SourceID: String]) throws(KPIEvaluationError) -> [String: Table] {
        var used: [String: String] = [:]
        for product in products {
            for source in product.sources where source.isProvided {
                guard let path = bindings[source.id] else {
                    throw KPIEvaluationError(.missingData, "source `\(source.id)` has no data file; add it: `.files([\"\(source.id)\": \"\(source.id).csv\", ...])`", product: product.id, source: source.id)
                }
                used[source.id.rawValue] = path
            }
        }
        do {
            return try DataSet.load(for: products.map(\.checked), bindings: used).tables
        } catch {
            throw KPIEvaluationError(.invalidData, error.description, underlying: error)
        }
    }

    /// One request per source, with the union of the columns the products read.
    static func requests(for products: [KPIProduct]) throws(KPIEvaluationError) -> [SourceRequest] {
        var requests: [SourceRequest] = []
        var position: [SourceID: Int] = [:]
        for product in products {
            for source in product.sources where source.isProvided {
                guard let index = position[source.id] else {
                    position[source.id] = requests.count
                    requests.append(SourceRequest(
                        source: source.id, products: [product.id], key: source.key,
                        fields: source.requiredFields, declaredFields: source.fields))
                    continue
                }
                requests[index].products.append(product.id)
                requests[index].fields = try merged(requests[index].fields, source.requiredFields, source: source.id, product: product.id)
                requests[index].declaredFields += source.fields.filter { field in !requests[index].declaredFields.contains { $0.name == field.name } }
            }
        }
        return requests
    }

    private static func merged(_ fields: [FieldDeclaration], _ more: [FieldDeclaration], source: SourceID, product: ProductID) throws(KPIEvaluationError) -> [FieldDeclaration] {
        var fields = fields
        for field in more {
            guard let index = fields.firstIndex(where: { $0.name == field.name }) else {
                fields.append(field)
                continue
            }
            guard let type = DataSet.merge(fields[index].type, field.type) else {
                throw KPIEvaluationError(
                    .invalidData,
                    "field `\(field.name)` of source `\(source)` is declared \(fields[index].type) by one product and \(field.type) by `\(product)`; declare it the same way (a shared base is the easy way)",
                    source: source)
            }
            fields[index].type = type
        }
        return fields
    }

    /// Asks `provider` for every source, concurrently.
    private static func provided(for requests: [SourceRequest], by provider: any KPIDataProvider) async throws(KPIEvaluationError) -> [String: Table] {
        let results = await withTaskGroup(of: Result<Table, KPIEvaluationError>.self) { group in
            for request in requests {
                group.addTask { await table(for: request, from: provider) }
            }
            var results: [Result<Table, KPIEvaluationError>] = []
            for await result in group { results.append(result) }
            return results
        }
        var tables: [String: Table] = [:]
        var failures: [KPIEvaluationError] = []
        for result in results {
            switch result {
            case .success(let table): tables[table.name] = table
            case .failure(let error): failures.append(error)
            }
        }
        // The first failure in request order, whatever order the tasks ended in.
        if let failure = requests.lazy.compactMap({ request in failures.first { $0.source == request.source } }).first {
            throw failure
        }
        return tables
    }

    private static func table(for request: SourceRequest, from provider: any KPIDataProvider) async -> Result<Table, KPIEvaluationError> {
        var builder = TableBuilder(for: request)
        do {
            try await provider.rows(for: request, into: &builder)
        } catch {
            return .failure(KPIEvaluationError(.provider, "the data provider failed on source `\(request.source)`: \(error)", source: request.source, underlying: error))
        }
        do {
            return .success(try builder.build())
        } catch {
            return .failure(KPIEvaluationError(.invalidData, error.description, source: request.source, underlying: error))
        }
    }

    // MARK: - Running

    /// Evaluates each product on `tables`, concurrently when there are several.
    private static func run(
        _ evaluators: [Evaluator], tables: [String: Table], period: Period, by: String?, periods: Int
    ) async throws(KPIEvaluationError) -> [ProductEvaluation] {
        if evaluators.count == 1 {
            return [try evaluate(evaluators[0], tables: tables, period: period, by: by, periods: periods).get()]
        }
        let results = await withTaskGroup(of: (Int, Result<ProductEvaluation, KPIEvaluationError>).self) { group in
            for (index, evaluator) in evaluators.enumerated() {
                group.addTask { (index, evaluate(evaluator, tables: tables, period: period, by: by, periods: periods)) }
            }
            var results = [Result<ProductEvaluation, KPIEvaluationError>?](repeating: nil, count: evaluators.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
        var evaluations: [ProductEvaluation] = []
        for result in results { evaluations.append(try result.get()) }
        return evaluations
    }

    private static func evaluate(
        _ evaluator: Evaluator, tables: [String: Table], period: Period, by: String?, periods: Int
    ) -> Result<ProductEvaluation, KPIEvaluationError> {
        let product = ProductID(evaluator.product.id)
        do {
            return .success(try evaluator.evaluate(tables: tables, period: period, by: by, periods: periods))
        } catch let error as EvaluationError {
            let reason: KPIEvaluationError.Reason
            switch error.code {
            case "missing-data": reason = .missingData
            case "missing-column", "column-type": reason = .invalidData
            case "unknown-breakdown": reason = .invalidArgument
            default: reason = .engine
            }
            return .failure(KPIEvaluationError(reason, error.message, product: product, underlying: error))
        } catch {
            return .failure(KPIEvaluationError(.engine, "\(error)", product: product, underlying: error))
        }
    }
}
