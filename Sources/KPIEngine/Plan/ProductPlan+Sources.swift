extension ProductPlan {
    /// The sources whose rows something of the product reads (a metric, the health score, a
    /// signal, through derived fields, filters, groups and links): their data must be given.
    var readSources: Set<Int> {
        var seen: Set<Int> = []
        var visitedSlots: Set<[Int]> = []
        var pending: [Kernel] = metrics.map(\.formula) + signals.map(\.when)
        if let health {
            seen.insert(health.source)
            pending += health.components.map(\.value) + health.profiles
        }
        for signal in signals { seen.insert(signal.source) }

        func add(_ source: Int) {
            guard seen.insert(source).inserted else { return }
            if let filter = sources[source].filter { pending.append(filter) }
            switch sources[source].origin {
            case .file: break
            case .child(let parent, _): _ = parent
            case .grouped(let origin, _): add(origin)
            }
        }
        // Sources named directly above still need their filters and origins.
        for source in seen { seen.remove(source); add(source) }

        while let kernel = pending.popLast() {
            switch kernel {
            case .column(let source, let slot):
                add(source)
                if visitedSlots.insert([source, slot]).inserted {
                    switch sources[source].slots[slot].kind {
                    case .derived(let inner), .segment(let inner), .groupField(let inner): pending.append(inner)
                    default: break
                    }
                }
            case .aggregate(let plan):
                add(plan.source)
                if case .perParent(let parent, _, _) = plan.scope { add(parent) }
            case .module(let plan):
                if let source = plan.source { add(source) }
                if case .perParent(let parent, _, _) = plan.scope { add(parent) }
            default:
                break
            }
            pending += kernel.children
        }
        return seen
    }
}
