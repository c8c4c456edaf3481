import Glibc

/// File-system operations that are not tied to one open descriptor.
package enum FileSystem {
    /// Makes entries created, renamed or removed in `path` durable: open the directory and `fsync` it.
    package static func syncDirectory(_ path: String) throws(Errno) {
        let fd = try FileDescriptor.open(path, [.readOnly, .directory])
        defer { fd.close() }
        #if FEEDD_FAULTS
        if let code = FaultInjection.check(.directorySync, path: path) { throw Errno(code) }
        #endif
        _ = try syscall { Glibc.fsync(fd.rawValue) }
    }

    /// The corresponding C function is `mkdir`; an existing directory is fine.
    package static func createDirectory(_ path: String, mode: mode_t = 0o755) throws(Errno) {
        do throws(Errno) {
            _ = try syscall { Glibc.mkdir(path, mode) }
        } catch {
            if error.rawValue != EEXIST { throw error }
        }
    }

    /// The corresponding C function is `rename` (atomic replace within one file system).
    package static func rename(_ from: String, _ to: String) throws(Errno) {
        _ = try syscall { Glibc.rename(from, to) }
    }

    /// The corresponding C function is `unlink`; a missing file is fine.
    package static func remove(_ path: String) throws(Errno) {
        do throws(Errno) {
            _ = try syscall { Glibc.unlink(path) }
        } catch {
            if error.rawValue != ENOENT { throw error }
        }
    }

    package static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// The size of a file, or nil when it does not exist.
    package static func size(_ path: String) -> Int64? {
        var info = stat()
        guard fstatat(AT_FDCWD, path, &info, 0) == 0 else { return nil }
        return Int64(info.st_size)
    }

    /// Names in a directory (without `.` and `..`), unsorted. The corresponding C functions are `opendir`/`readdir`.
    package static func list(_ path: String) throws(Errno) -> [String] {
        guard let dir = opendir(path) else { throw Errno.current }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Writes `bytes` to `path` so that readers see either the old or the new content, durably:
    /// a temporary name in the same directory, fsync, rename over, fsync the directory.
    package static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Errno) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let temporary = "\(path).tmp-\(getpid())"
        let fd = try FileDescriptor.open(temporary, [.writeOnly, .create, .truncate], mode: 0o644)
        do throws(Errno) {
            try fd.write(bytes)
            try fd.sync()
            fd.close()
        } catch {
            fd.close()
            try? remove(temporary)
            throw error
        }
        do throws(Errno) {
            try rename(temporary, path)
        } catch {
            try? remove(temporary)
            throw error
        }
        try syncDirectory(directory.isEmpty ? "/" : directory)
    }
}
