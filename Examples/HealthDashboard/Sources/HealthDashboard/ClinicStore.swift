import Foundation
import KPIKit

/// The dashboard's data: a small practice-management store, generated in code (the same
/// rows on every run), served to the engine as a `KPIDataProvider`.
///
/// A real program would read its database here; the engine asks once per source for
/// every row, and the `TableBuilder` checks each value against the declared types.
struct ClinicStore: KPIDataProvider {
    /// One clinic and its appointments.
    struct Clinic {
        var id: String
        var plan: String
        var signup: (year: Int, month: Int, day: Int)
        var churned: (year: Int, month: Int, day: Int)?
        var mrr: Int64
        var seats: Int64
        var activeSeats: Int64
        var nps: Int64?
        var onlineRate: Double
        var noShowRate: Double
    }

    let clinics: [Clinic]

    /// 48 clinics with a year of appointments, from a fixed seed.
    init(seed: UInt64 = 2026) {
        var random = SeededRandom(seed: seed)
        let plans = [("starter", 3, 149), ("practice", 8, 390), ("network", 25, 1_150)]
        clinics = (1...48).map { number in
            let plan = plans[random.below(plans.count)]
            let seats = Int64(plan.1 + random.below(plan.1))
            let engaged = random.unit()
            let churned: (Int, Int, Int)? = engaged < 0.15 ? (2026, 5 + random.below(6), 1 + random.below(28)) : nil
            return Clinic(
                id: String(format: "c%03d", number), plan: plan.0,
                signup: (2024 + random.below(3), 1 + random.below(12), 1 + random.below(28)),
                churned: churned.map { ($0.0, $0.1, $0.2) },
                mrr: Int64(plan.2) * seats / Int64(plan.1),
                seats: seats, activeSeats: min(seats, Int64(Double(seats) * (0.35 + engaged * 0.75))),
                nps: random.unit() < 0.15 ? nil : Int64(-60 + engaged * 130),
                onlineRate: 0.2 + engaged * 0.6, noShowRate: 0.16 - engaged * 0.13)
        }
    }

    func rows(for request: SourceRequest, into table: inout TableBuilder) async throws {
        switch request.source {
        case ClinicDeskSources.clinics:
            for clinic in clinics {
                table.append([
                    "clinic_id": .string(clinic.id),
                    "plan": .string(clinic.plan),
                    "signup_date": .date(year: clinic.signup.year, month: clinic.signup.month, day: clinic.signup.day),
                    "churned_date": clinic.churned.map { .date(year: $0.year, month: $0.month, day: $0.day) } ?? nil,
                    "mrr": .int(clinic.mrr),
                    "seats": .int(clinic.seats),
                    "active_seats": .int(clinic.activeSeats),
                    "nps": clinic.nps.map(FieldValue.int) ?? nil,
                ])
            }
        case ClinicDeskSources.appointments:
            var random = SeededRandom(seed: 7)
            for clinic in clinics {
                for month in 1...10 where clinic.churned.map({ month <= $0.month }) ?? true {
                    for visit in 0..<(Int(clinic.seats) * 2 + random.below(6)) {
                        let roll = random.unit()
                        let status = roll < clinic.noShowRate ? "no_show" : roll < clinic.noShowRate + 0.05 ? "cancelled" : "attended"
                        table.append([
                            "appointment_id": .string("\(clinic.id)-\(month)-\(visit)"),
                            "clinic_id": .string(clinic.id),
                            "booked_on": .date(year: 2026, month: month, day: 1 + random.below(28)),
                            "status": .string(status),
                            "online": .bool(random.unit() < clinic.onlineRate),
                        ])
                    }
                }
            }
        default:
            throw StoreError(message: "the store has no table `\(request.source)`")
        }
    }

    struct StoreError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

/// A small deterministic generator (SplitMix64), so every run prints the same dashboard.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<1.
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A whole number in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
