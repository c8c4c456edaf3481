import Glibc

/// The first `count` bytes of a file mapped read-only (`mmap` with `PROT_READ`, `MAP_SHARED`), unmapped when the
/// last reference goes. Reading a file this way takes its pages straight from the page cache: no anonymous
/// memory to zero and fill, as `pread` into a fresh buffer needs. Only for files nobody shortens while mapped
/// (a page past the end of the file faults with SIGBUS).
/// Unchecked Sendable: the mapping is read-only and never changes.
package final class MappedFile: @unchecked Sendable {
    private let base: UnsafeMutableRawPointer?
    /// The mapped bytes.
    package let bytes: UnsafeRawBufferPointer

    /// Maps the first `count` bytes of the file open at `fd` (which may be closed afterwards).
    /// The corresponding C function is `mmap`.
    package init(_ fd: FileDescriptor, count: Int) throws(Errno) {
        guard count > 0 else {
            base = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, count, PROT_READ, MAP_SHARED, fd.rawValue, 0), address != MAP_FAILED else {
            throw Errno.current
        }
        base = address
        bytes = UnsafeRawBufferPointer(start: address, count: count)
    }

    /// Lets the process's resident memory drop the pages before `offset` (`madvise(MADV_DONTNEED)`): a pass
    /// that has copied what it needs from them keeps its peak memory to what it is still reading. The data stays
    /// in the page cache, and reading those bytes again maps it back in.
    package func releasePages(before offset: Int) {
        guard let base else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let length = min(offset, bytes.count) / page * page
        if length > 0 { _ = madvise(base, length, MADV_DONTNEED) }
    }

    deinit {
        if let base { munmap(base, bytes.count) }
    }
}
