import KPILanguage

/// The health score of the plan.
struct HealthPlan: Sendable {
    struct Component: Sendable {
        var id: String
        var value: Kernel
        var scale: Scale?
    }

    var definition: HealthDefinition
    var source: Int
    var components: [Component]
    /// The profiles' `when`, first match wins.
    var profiles: [Kernel]
    var profileIDs: [String]
    /// `weights[p][c]`: the weight of component `c` in profile `p - 1` (row 0: the default
    /// weights); nil when the profile leaves the component out.
    var weights: [[Double?]]
    var dependsOnPeriod: Bool
}
