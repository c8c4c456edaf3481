import FeeddCore
import Glibc

/// A C `errno` value with its message. The corresponding C API is `strerror`.
package struct Errno: Error, Sendable, Equatable, CustomStringConvertible {
    package var rawValue: Int32
    package init(_ rawValue: Int32) { self.rawValue = rawValue }

    /// The current thread's errno; read it first, before anything else can clobber it.
    package static var current: Errno { Errno(errno) }

    package var description: String { String(cString: strerror(rawValue)) + " (errno \(rawValue))" }
}
