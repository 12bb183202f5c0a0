import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs independent pieces of work on all cores.
enum ParallelWork {
    /// The number of online processors.
    static var processorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// `body(0) ... body(count - 1)`, concurrently when `count > 1`, results in order.
    ///
    /// `body` must only touch state that the other iterations do not write.
    static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        if count == 1 { return [body(0)] }
        return withoutActuallyEscaping(body) { body in
            let results = UnsafeMutablePointer<T>.allocate(capacity: count)
            let task = UncheckedTask(body: body, results: results)
            DispatchQueue.concurrentPerform(iterations: count) { i in
                task.run(i)
            }
            let array = Array(UnsafeBufferPointer(start: results, count: count))
            results.deinitialize(count: count)
            results.deallocate()
            return array
        }
    }

    /// The closure and result slots shared by the iterations; each writes only its own slot.
    private struct UncheckedTask<T>: @unchecked Sendable {
        let body: (Int) -> T
        let results: UnsafeMutablePointer<T>

        func run(_ i: Int) {
            (results + i).initialize(to: body(i))
        }
    }
}
