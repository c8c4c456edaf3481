import FeeddCore
import FeeddSystem
import Glibc

/// The single-writer lock: an `flock` on `LOCK` in the store directory, holding the writer's pid as text.
/// flock locks belong to the open file description, so a second open fails even inside the same process,
/// and the kernel releases the lock when the process dies, so a crash never leaves a stale lock.
final class StoreLock: Sendable {
    let path: String
    private let descriptor: FileDescriptor

    init(directory: String) throws(StoreError) {
        path = directory + "/LOCK"
        let fd: FileDescriptor
        do { fd = try FileDescriptor.open(path, [.readWrite, .create], mode: 0o644) } catch {
            throw StoreError.system("open the lock file", path: path, error)
        }
        let acquired: Bool
        do { acquired = try fd.lock(exclusive: true, nonBlocking: true) } catch {
            fd.close()
            throw StoreError.system("lock", path: path, error)
        }
        guard acquired else {
            let holder =
                (try? fd.pread(count: 32, at: 0)).map { String(decoding: $0, as: UTF8.self) }?
                .trimmingWhitespace ?? ""
            fd.close()
            let who = holder.isEmpty ? "another process" : "another process (pid \(holder))"
            throw StoreError(
                .locked, path: path,
                "the store \(directory) is in use by \(who); stop that feedd or point this one at another store")
        }
        descriptor = fd
        let pid = Array("\(getpid())\n".utf8)
        _ = try? fd.truncate(to: 0)
        _ = try? fd.pwrite(pid, at: 0)
    }

    func release() {
        descriptor.unlock()
        descriptor.close()
    }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        String(self.unicodeScalars.filter { !$0.properties.isWhitespace })
    }
}
