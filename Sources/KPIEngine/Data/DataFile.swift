#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a data file, read once: mapped into memory for regular files, read into
/// a buffer otherwise (pipes, devices).
final class DataFile {
    /// Why a data file could not be read.
    struct Problem: Error {
        var reason: String
    }

    /// The bytes.
    let bytes: UnsafeRawBufferPointer
    private let mapped: Bool

    /// Opens and maps (or reads) `path`; the reason as text if it cannot.
    init(path: String) throws(DataFile.Problem) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw DataFile.Problem(reason: Self.describe(errno)) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw DataFile.Problem(reason: Self.describe(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw DataFile.Problem(reason: "it is a folder, not a file")
        }
        if (info.st_mode & S_IFMT) == S_IFREG {
            let size = Int(info.st_size)
            if size == 0 {
                bytes = UnsafeRawBufferPointer(start: nil, count: 0)
                mapped = false
                return
            }
            let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
            if let address, address != MAP_FAILED {
                // Ask for the whole file now: it is about to be read front to back.
                _ = madvise(address, size, MADV_WILLNEED)
                bytes = UnsafeRawBufferPointer(start: address, count: size)
                mapped = true
                return
            }
        }
        bytes = try Self.readAll(fd)
        mapped = false
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if mapped {
            munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            base.deallocate()
        }
    }

    /// A releaser for the pages of a mapped file, nil for a read buffer.
    var pages: PageReleaser? {
        guard mapped, let base = bytes.baseAddress else { return nil }
        return PageReleaser(base: base)
    }

    private static func readAll(_ fd: Int32) throws(DataFile.Problem) -> UnsafeRawBufferPointer {
        var capacity = 1 << 20
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        var count = 0
        while true {
            if count == capacity {
                let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                grown.copyMemory(from: buffer, byteCount: count)
                buffer.deallocate()
                buffer = grown
                capacity *= 2
            }
            let n = read(fd, buffer + count, capacity - count)
            if n < 0 {
                if errno == EINTR { continue }
                let reason = describe(errno)
                buffer.deallocate()
                throw DataFile.Problem(reason: reason)
            }
            if n == 0 { break }
            count += n
        }
        return UnsafeRawBufferPointer(start: buffer, count: count)
    }

    private static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
