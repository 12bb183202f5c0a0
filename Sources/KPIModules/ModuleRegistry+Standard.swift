public import KPIEngine

extension ModuleRegistry {
    /// The built-in modules: `subscription`, `infrastructure` and `one-time`.
    public static var standard: ModuleRegistry {
        ModuleRegistry([SubscriptionModule(), InfrastructureModule(), OneTimeModule()])
    }
}
