import FeeddSystem
import Glibc

/// Every failure of the store: a code that can grow, the path involved, the errno kept intact,
/// and a message a person can act on.
package struct StoreError: Error, Sendable, CustomStringConvertible {
    package struct Code: Hashable, Sendable, CustomStringConvertible {
        package let rawValue: String
        package init(_ rawValue: String) { self.rawValue = rawValue }
        package var description: String { rawValue }

        /// Another process (or another open in this one) holds the store's LOCK.
        package static let locked = Code("locked")
        /// A read, write, sync or rename failed.
        package static let io = Code("io")
        /// The file system is full (ENOSPC) or over quota (EDQUOT).
        package static let noSpace = Code("no_space")
        /// The data on disk is damaged in a way that cannot be repaired automatically.
        package static let corrupt = Code("corrupt")
        /// The store directory or a file in it does not exist.
        package static let notFound = Code("not_found")
        /// The journal was closed.
        package static let closed = Code("closed")
    }

    package var code: Code
    package var path: String
    package var errno: Errno?
    package var message: String

    package init(_ code: Code, path: String, errno: Errno? = nil, _ message: String) {
        self.code = code
        self.path = path
        self.errno = errno
        self.message = message
    }

    /// A failed system call on `path`; ENOSPC and EDQUOT become `.noSpace`.
    package static func system(_ operation: String, path: String, _ errno: Errno) -> StoreError {
        if errno.rawValue == ENOSPC || errno.rawValue == EDQUOT {
            return StoreError(
                .noSpace, path: path, errno: errno,
                "cannot \(operation) \(path): the file system is full; free space, then feedd retries")
        }
        if errno.rawValue == ENOENT {
            return StoreError(.notFound, path: path, errno: errno, "cannot \(operation) \(path): it does not exist")
        }
        if errno.rawValue == EACCES || errno.rawValue == EPERM || errno.rawValue == EROFS {
            return StoreError(
                .io, path: path, errno: errno, "cannot \(operation) \(path): \(errno); check its permissions")
        }
        return StoreError(.io, path: path, errno: errno, "cannot \(operation) \(path): \(errno)")
    }

    package var description: String {
        message
    }
}
