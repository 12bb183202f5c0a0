import Foundation
@testable import KPIEngine
import KPIKit
import KPITestSupport
import Testing

/// The low-level kernels against plain Swift, on random inputs of awkward lengths.
@Suite struct VectorKernelTests {
    static let lengths = [0, 1, 7, 8, 9, 63, 64, 65, 1000]

    static func bools(_ count: Int, _ random: inout SeededGenerator) -> [Bool] {
        (0..<count).map { _ in random.chance(0.5) }
    }

    @Test func masksWorkEightRowsAtATime() {
        var random = SeededGenerator(seed: 1)
        for n in Self.lengths {
            let a = Self.bools(n, &random), b = Self.bools(n, &random)
            #expect(maskAnd(a, b) == zip(a, b).map { $0 && $1 })
            #expect(maskOr(a, b) == zip(a, b).map { $0 || $1 })
            #expect(maskAndNot(a, b) == zip(a, b).map { $0 && !$1 })
            #expect(maskNot(a) == a.map { !$0 })
            #expect(countTrue(a) == a.filter { $0 }.count)
            #expect(selectedRows(a) == a.indices.filter { a[$0] }.map { Int32($0) })
        }
    }

    @Test func branchlessSelectionPicksEachRow() {
        var random = SeededGenerator(seed: 2)
        for n in Self.lengths {
            let take = Self.bools(n, &random)
            let x = (0..<n).map { _ in Int64.random(in: -1000...1000, using: &random) }
            let y = (0..<n).map { _ in Double.random(in: -1...1, using: &random) }
            let d = (0..<n).map { _ in Int32.random(in: 0...30000, using: &random) }
            #expect(VectorSelection.zip3(take, .array(x), .constant(7), count: n) == take.indices.map { take[$0] ? x[$0] : 7 })
            #expect(VectorSelection.zip3(take, .constant(-0.5), .array(y), count: n) == take.indices.map { take[$0] ? -0.5 : y[$0] })
            #expect(VectorSelection.zip3(take, .array(d), .array(d.reversed()), count: n) == take.indices.map { take[$0] ? d[$0] : d[n - 1 - $0] })
            #expect(VectorSelection.zip3(take, .constant(true), .constant(false), count: n) == take)
        }
    }

    @Test func streamingAggregatesEqualOnePass() throws {
        var random = SeededGenerator(seed: 3)
        for _ in 0..<50 {
            let n = Int.random(in: 0...3000, using: &random)
            let ints = (0..<n).map { _ in Int64.random(in: -1_000_000...1_000_000, using: &random) }
            let doubles = (0..<n).map { _ in Double.random(in: -1e6...1e6, using: &random) }
            let validity: [Bool]? = random.chance(0.5) ? Self.bools(n, &random) : nil
            let rows: [Bool]? = random.chance(0.5) ? Self.bools(n, &random) : nil
            let vectors = [
                ColumnVector(.int(ints), validity: validity, count: n),
                ColumnVector(.number(doubles), validity: validity, count: n),
                ColumnVector(.money(ints, currency: "JPY"), validity: validity, count: n),
                ColumnVector(.approximateMoney(doubles, currency: "JPY"), validity: validity, count: n),
            ]
            let cuts = ([0, n] + (0..<Int.random(in: 0...5, using: &random)).map { _ in Int.random(in: 0...n, using: &random) }).sorted()
            for vector in vectors {
                for function in [AggregateFunction.count, .sum, .avg, .min, .max] {
                    let whole = try Aggregation.whole(function, vector, rows: rows, rowCount: n, quantile: 0.5, type: .number)
                    var stream = try #require(StreamingAggregate(function, type: .number))
                    for (start, end) in zip(cuts, cuts.dropFirst()) {
                        try stream.add(
                            vector.slice(start: start, count: end - start), rows: rows.map { Array($0[start..<end]) }, rowCount: end - start)
                    }
                    #expect(try stream.result() == whole, "\(function) of \(vector.values) cut at \(cuts)")
                }
            }
        }
    }

    @Test func countOfRowsStreams() throws {
        var stream = try #require(StreamingAggregate(.count, type: .int))
        try stream.add(nil, rows: [true, false, true], rowCount: 3)
        try stream.add(nil, rows: nil, rowCount: 4)
        #expect(try stream.result() == .int(6))
    }

    @Test func chunksConcatenateBackToTheWhole() {
        let whole = ColumnVector(.int([1, 2, 3, 4, 5]), validity: [true, false, true, true, false], count: 5)
        let parts = [whole.slice(start: 0, count: 2), whole.slice(start: 2, count: 3)]
        let joined = ColumnVector.concatenated(parts, type: .int)
        #expect(joined?.scalars == whole.scalars)
        let constants = [ColumnVector.constant(.int(4), count: 2), .constant(.int(4), count: 3)]
        #expect(ColumnVector.concatenated(constants, type: .int)?.constantValue == .int(4))
        let mixed = [ColumnVector.constant(.null, count: 2), ColumnVector(.number([1.5]), count: 1)]
        #expect(ColumnVector.concatenated(mixed, type: .number)?.scalars == [.null, .null, .number(1.5)])
        let strings = [
            ColumnVector(.string(codes: [0], dictionary: ["a"]), count: 1), ColumnVector(.string(codes: [0], dictionary: ["b"]), count: 1),
        ]
        #expect(ColumnVector.concatenated(strings, type: .string) == nil)
    }

    @Test func keyIndexesMatchThroughDictionaries() {
        let parents = ColumnVector(.string(codes: [0, 1, 2], dictionary: ["a", "b", "c"]), count: 3)
        let children = ColumnVector(.string(codes: [1, 0, 2, 1, 0], dictionary: ["c", "a", "zz"]), validity: [true, true, true, true, false], count: 5)
        #expect(KeyIndex.link(children, to: parents) == [0, 2, -1, 0, -1])
        let ints = KeyIndex.link(ColumnVector(.int([5, 7, 9]), count: 3), to: ColumnVector(.int([9, 5]), count: 2))
        #expect(ints == [1, -1, 0])
        let grouping = KeyIndex.group(ColumnVector(.string(codes: [2, 0, 2, 1, 0, 3], dictionary: ["x", "y", "z", "x"]), count: 6))
        // "x" appears under two codes: one group.
        #expect(grouping.groupOf == [0, 1, 0, 2, 1, 1])
        #expect(grouping.keys.scalars == [.string("z"), .string("x"), .string("y")])
    }

    @Test func gatherKeepsValidity() {
        let vector = ColumnVector(.date([10, 20, 30, 40]), validity: [true, false, true, true], count: 4)
        #expect(vector.gathered([3, 1, 0]).scalars == [.date(40), .null, .date(10)])
        #expect(vector.gathered([Int32]([0, 1, 2, 3])[1...2]).scalars == [.null, .date(30)])
    }
}
