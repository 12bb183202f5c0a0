import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs independent pieces of work on all cores, for the stages of a catalog check whose
/// documents do not depend on one another (loading YAML, decoding and checking products).
enum ConcurrentWork {
    /// The number of online processors.
    static var processorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// `[body(0), ..., body(count - 1)]`, computed concurrently when `concurrent` is true,
    /// there is more than one item and more than one core; the results are in index order
    /// either way.
    ///
    /// `body` must only read state shared with the other iterations (or guard it with a
    /// lock, as `ExpressionCache` does).
    static func map<T>(_ count: Int, concurrent: Bool = true, _ body: (Int) -> T) -> [T] {
        guard concurrent, count > 1, processorCount > 1 else { return (0..<count).map(body) }
        return withoutActuallyEscaping(body) { body in
            let results = UnsafeMutablePointer<T>.allocate(capacity: count)
            let task = Task(body: body, results: results)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                task.run(index)
            }
            // Move the results into the array: copying them would retain and release every
            // reference they hold.
            let array = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                buffer.baseAddress!.moveInitialize(from: results, count: count)
                initialized = count
            }
            results.deallocate()
            return array
        }
    }

    /// Values handed out once each, by index, to the iterations of a `map`: taking one
    /// leaves nothing behind, so it is freed when its taker is done with it.
    final class Slots<Value>: @unchecked Sendable {
        private let values: UnsafeMutablePointer<Value?>
        let count: Int

        init(_ values: [Value]) {
            count = values.count
            self.values = UnsafeMutablePointer<Value?>.allocate(capacity: max(count, 1))
            for (index, value) in values.enumerated() { (self.values + index).initialize(to: value) }
        }

        /// The value at `index`; each index is taken at most once (by one thread).
        func take(_ index: Int) -> Value {
            precondition(index >= 0 && index < count, "slot \(index) of \(count)")
            guard let value = values[index].take() else { preconditionFailure("slot \(index) taken twice") }
            return value
        }

        deinit {
            values.deinitialize(count: count)
            values.deallocate()
        }
    }

    /// Lets go of `value` on another thread, so that freeing a large structure (the YAML
    /// trees of a catalog, say) does not hold up the caller. `value` must not be shared
    /// with anything that is still in use (its copies are only freed by whoever lets go of
    /// them last).
    static func releaseInBackground<T>(_ value: consuming T) {
        // Handed over without a reference left here, so that the block's release is the last.
        let leftovers = Unmanaged.passRetained(Leftovers(value: value))
        DispatchQueue.global(qos: .utility).async {
            leftovers.release()
        }
    }

    /// A value on its way to be freed; nothing reads it.
    private final class Leftovers<T>: @unchecked Sendable {
        let value: T
        init(value: consuming T) {
            self.value = value
        }
    }

    /// The closure and result slots shared by the iterations; each writes only its own slot.
    private struct Task<T>: @unchecked Sendable {
        let body: (Int) -> T
        let results: UnsafeMutablePointer<T>

        func run(_ index: Int) {
            (results + index).initialize(to: body(index))
        }
    }
}
