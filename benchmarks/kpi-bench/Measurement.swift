import Foundation

// MARK: - Time

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

extension Array where Element == Double {
    /// The median (the mean of the middle two for an even count); 0 when empty.
    var median: Double {
        guard !isEmpty else { return 0 }
        let sorted = self.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

// MARK: - Memory

/// The process's peak resident set size, from `getrusage`.
enum PeakMemory {
    /// `ru_maxrss` in MiB (Linux reports it in KiB, macOS in bytes).
    static var mebibytes: Double {
        var usage = rusage()
        #if os(Linux)
        let who = RUSAGE_SELF.rawValue
        let bytesPerUnit = 1024.0  // KiB
        #else
        let who = RUSAGE_SELF
        let bytesPerUnit = 1.0  // macOS reports bytes
        #endif
        guard getrusage(who, &usage) == 0 else { return .nan }
        return Double(usage.ru_maxrss) * bytesPerUnit / 1_048_576
    }

    /// Resets the high-water mark that `ru_maxrss` reports to the current resident size
    /// (`echo 5 > /proc/self/clear_refs`, Linux 4.0+), so that each file's peak is its
    /// own and not the largest file's so far. First gives the memory that malloc kept
    /// from earlier work back to the system, so that it is not counted again.
    /// - Returns: false where the kernel does not allow it: peaks then only grow.
    @discardableResult
    static func reset() -> Bool {
        trimMalloc()
        let descriptor = open("/proc/self/clear_refs", O_WRONLY)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return write(descriptor, "5", 1) == 1
    }

    /// Calls glibc's `malloc_trim(0)`, looked up at run time: `<malloc.h>` is not part of
    /// the Glibc module, and other C libraries do not have it.
    private static func trimMalloc() {
        #if os(Linux)
        typealias Trim = @convention(c) (Int) -> Int32
        guard let process = dlopen(nil, RTLD_NOW), let symbol = dlsym(process, "malloc_trim") else { return }
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }
}

// MARK: - Formatting

/// A plain-text table whose columns are padded to their widest cell; the first column
/// is left-aligned, the rest right-aligned (numbers).
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    var rendered: String {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}

/// `value` with `digits` decimals (`String(format:)` without the Foundation locale).
func fixed(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}
