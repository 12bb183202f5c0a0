#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hands the pages of a mapped file back to the system once a chunk has read past them,
/// so the file and the columns built from it are not both held in memory at the peak.
/// The pages stay mapped: touching one again reads it back from the page cache.
struct PageReleaser: @unchecked Sendable {
    /// Bytes read between releases.
    static let stride = 1 << 20
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    let base: UnsafeRawPointer

    /// Releases the whole pages within byte offsets `from ..< to`.
    func release(from: Int, to: Int) {
        let mask = Self.pageSize - 1
        let start = (Int(bitPattern: base) + from + mask) & ~mask
        let end = (Int(bitPattern: base) + to) & ~mask
        guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(address, end - start, MADV_DONTNEED)
    }
}
