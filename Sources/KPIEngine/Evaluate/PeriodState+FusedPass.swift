/// One pass over a source's rows for everything that can share it: the aggregates of the
/// metric formulas (`FusedAggregate`) and the health score. Chunk by chunk, each column is
/// read once for all of them, and the intermediate vectors stay in cache; the results go
/// to the same caches the lazy evaluation reads, which then finds them computed.
///
/// Anything that fails here (an overflow, say) is left to the lazy evaluation, which
/// reports it against its metric.
extension PeriodState {
    func runFusedPass(_ source: Int) {
        let candidates = plan.fusedAggregates[source].filter { cachedAggregate($0.aggregate) == nil }
        var health: HealthPlan?
        if let plan = plan.health, plan.source == source, store(plan.dependsOnPeriod).health == nil,
           Self.healthIsChunkable(plan),
           plan.components.allSatisfy({ FusedAggregate.isPlainRow($0.value) }), plan.profiles.allSatisfy(FusedAggregate.isPlainRow) {
            health = plan
        }
        // One consumer gains nothing from a shared pass.
        guard candidates.count + (health == nil ? 0 : 1) >= 2,
              let frame = try? self.frame(source), frame.count > Frame.chunkSize else { return }

        var streams = candidates.map { StreamingAggregate($0.aggregate.function, type: $0.aggregate.type)! }
        var failed = [Bool](repeating: false, count: candidates.count)
        var sums = health.map { HealthSums(count: frame.count, keepsRows: $0.keepsRows) }
        // Warnings are kept per computation, and only for those that succeed (a failed one
        // is computed again, and warns again, by the lazy evaluation).
        var logs = [DivisionLog](repeating: DivisionLog(), count: candidates.count + 1)
        for chunk in frame.chunks() {
            for (index, candidate) in candidates.enumerated() where !failed[index] {
                let aggregate = candidate.aggregate
                do {
                    try noting(divisionsIn: &logs[index]) {
                        try within(candidate.owner) {
                            let rows = try aggregate.filter.map { VectorComparison.mask(try vector($0, in: chunk)) } ?? nil
                            let value = try aggregate.argument.map { try vector($0, in: chunk, used: RowUsage.all.restricted(to: rows)) }
                            try streams[index].add(value, rows: rows, rowCount: chunk.count)
                        }
                    }
                } catch {
                    failed[index] = true
                }
            }
            if let health, sums != nil {
                do {
                    try noting(divisionsIn: &logs[candidates.count]) { try addComponents(health, chunk, to: &sums!) }
                } catch {
                    sums = nil
                }
            }
        }
        for (index, candidate) in candidates.enumerated() where !failed[index] {
            if let value = try? streams[index].result() {
                store(plan.aggregateDependsOnPeriod[candidate.aggregate.id] ?? true).aggregates[candidate.aggregate.id] = value
                merge(logs[index])
            }
        }
        if let health, let sums, let rows = try? finishHealth(health, sums) {
            store(health.dependsOnPeriod).health = rows
            merge(logs[candidates.count])
        }
    }
}
