import Glibc

/// An open file descriptor with the path it was opened from (kept for error messages and fault scoping).
/// A value type: whoever opened it closes it exactly once with `close()`.
package struct FileDescriptor: Sendable {
    package let rawValue: Int32
    package let path: String

    package init(rawValue: Int32, path: String) {
        self.rawValue = rawValue
        self.path = path
    }

    package struct Options: OptionSet, Sendable {
        package let rawValue: Int32
        package init(rawValue: Int32) { self.rawValue = rawValue }
        package static let readOnly = Options([])
        package static let writeOnly = Options(rawValue: O_WRONLY)
        package static let readWrite = Options(rawValue: O_RDWR)
        package static let create = Options(rawValue: O_CREAT)
        package static let exclusive = Options(rawValue: O_EXCL)
        package static let truncate = Options(rawValue: O_TRUNC)
        package static let append = Options(rawValue: O_APPEND)
        package static let directory = Options(rawValue: O_DIRECTORY)
    }

    /// The corresponding C function is `open`; `O_CLOEXEC` is always added.
    package static func open(_ path: String, _ options: Options, mode: mode_t = 0o644) throws(Errno) -> FileDescriptor {
        let fd = try syscall { Glibc.open(path, options.rawValue | O_CLOEXEC, mode) }
        return FileDescriptor(rawValue: fd, path: path)
    }

    /// The corresponding C function is `close`. EINTR is not retried: on Linux the descriptor is gone either way.
    package func close() {
        _ = Glibc.close(rawValue)
    }

    /// The corresponding C function is `read`; returns 0 at end of file.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(Errno) -> Int {
        try syscall { Glibc.read(rawValue, buffer.baseAddress, buffer.count) }
    }

    /// The corresponding C function is `pread`; returns fewer bytes only at end of file.
    package func pread(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
        var done = 0
        while done < buffer.count {
            let n = try syscall {
                Glibc.pread(rawValue, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + done)
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Reads `count` bytes at `offset` (fewer at end of file). The array is filled straight from the file, not
    /// zeroed first: the journal reads whole segments of tens of MB this way.
    package func pread(count: Int, at offset: Int64) throws(Errno) -> [UInt8] {
        var failure: Errno?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(Errno) {
                initialized = try pread(into: UnsafeMutableRawBufferPointer(buffer), at: offset)
            } catch {
                failure = error
                initialized = 0
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// The corresponding C function is `write`, looped until every byte is written.
    package func write(_ buffer: UnsafeRawBufferPointer) throws(Errno) {
        #if FEEDD_FAULTS
        if let code = FaultInjection.check(.write, path: path) { throw Errno(code) }
        #endif
        var done = 0
        while done < buffer.count {
            done += try syscall { Glibc.write(rawValue, buffer.baseAddress! + done, buffer.count - done) }
        }
    }

    package func write(_ bytes: [UInt8]) throws(Errno) {
        try bytes.withUnsafeBytes { buffer in Result { () throws(Errno) in try write(buffer) } }.get()
    }

    /// The corresponding C function is `pwrite`, looped until every byte is written.
    package func pwrite(_ buffer: UnsafeRawBufferPointer, at offset: Int64) throws(Errno) {
        #if FEEDD_FAULTS
        if let code = FaultInjection.check(.write, path: path) { throw Errno(code) }
        #endif
        var done = 0
        while done < buffer.count {
            done += try syscall {
                Glibc.pwrite(rawValue, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + done)
            }
        }
    }

    package func pwrite(_ bytes: [UInt8], at offset: Int64) throws(Errno) {
        try bytes.withUnsafeBytes { buffer in Result { () throws(Errno) in try pwrite(buffer, at: offset) } }.get()
    }

    /// The corresponding C function is `fdatasync`: data and the metadata needed to read it back (size).
    package func dataSync() throws(Errno) {
        #if FEEDD_FAULTS
        if let code = FaultInjection.check(.sync, path: path) { throw Errno(code) }
        #endif
        _ = try syscall { Glibc.fdatasync(rawValue) }
    }

    /// The corresponding C function is `fsync`.
    package func sync() throws(Errno) {
        #if FEEDD_FAULTS
        if let code = FaultInjection.check(.sync, path: path) { throw Errno(code) }
        #endif
        _ = try syscall { Glibc.fsync(rawValue) }
    }

    /// The corresponding C function is `ftruncate`.
    package func truncate(to size: Int64) throws(Errno) {
        #if FEEDD_FAULTS
        if let code = FaultInjection.check(.truncate, path: path) { throw Errno(code) }
        #endif
        _ = try syscall { Glibc.ftruncate(rawValue, off_t(size)) }
    }

    /// The file's size from `fstat`.
    package func size() throws(Errno) -> Int64 {
        var info = stat()
        _ = try syscall { Glibc.fstat(rawValue, &info) }
        return Int64(info.st_size)
    }

    /// The corresponding C function is `flock`. Locks belong to the open file description, so a second `open`
    /// of the same file, even in the same process, conflicts. Returns false when `nonBlocking` and already held.
    package func lock(exclusive: Bool = true, nonBlocking: Bool = true) throws(Errno) -> Bool {
        let operation = (exclusive ? LOCK_EX : LOCK_SH) | (nonBlocking ? LOCK_NB : 0)
        do throws(Errno) {
            _ = try syscall { c_flock(rawValue, operation) }
            return true
        } catch {
            if error.rawValue == EWOULDBLOCK { return false }
            throw error
        }
    }

    /// Releases an `flock` lock.
    package func unlock() {
        _ = try? syscall { c_flock(rawValue, LOCK_UN) }
    }
}

/// `flock` the function: in Swift the name resolves to `struct flock` (the fcntl lock record) first.
@_silgen_name("flock")
private func c_flock(_ fd: Int32, _ operation: Int32) -> Int32
