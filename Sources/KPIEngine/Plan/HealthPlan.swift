import KPILanguage

/// The health score of the plan.
struct HealthPlan: Sendable {
    struct Component: Sendable {
        var id: String
        var value: Kernel
        var scale: Scale?
    }

    /// A group of a nested score.
    struct Group: Sendable {
        var id: String
        var weight: Double
        /// Its components, as indices into `components`.
        var members: [Int]
    }

    var definition: HealthDefinition
    var source: Int
    var components: [Component]
    /// The profiles' `when`, first match wins.
    var profiles: [Kernel]
    var profileIDs: [String]
    /// `weights[p][c]`: the weight of component `c` in profile `p - 1` (row 0: the default
    /// weights); nil when the profile leaves the component out. With `groups`, the weight
    /// within the component's group; without, its weight in the one flat mean (any groups
    /// folded in).
    var weights: [[Double?]]
    /// The groups when the score is nested (groups under `missing: renormalize`), else
    /// empty. Nested, a row's score is the weighted mean of the scores of its groups that
    /// count a component, each group's score the weighted mean of its counted components:
    /// a missing component shares its weight within its group, and a group with nothing
    /// counted shares the group's weight among the other groups. Under `zero` and `error`
    /// every listed component counts, and the nested mean equals the flat one with groups
    /// folded in, which keeps the flat arithmetic (and its bits).
    var groups: [Group]
    var dependsOnPeriod: Bool
    /// Whether any expression of the plan reads `health.score` or `health.band` per row
    /// (signals, derived fields, segments); when none does, only the summary is kept, not
    /// a score and band for every row.
    var keepsRows = true
}

extension Kernel {
    /// Whether the expression reads `health.score` or `health.band` anywhere in it.
    var readsHealth: Bool {
        switch self {
        case .healthScore, .healthBand: return true
        default: return children.contains { $0.readsHealth }
        }
    }
}
