import Foundation
import Glibc

/// A fresh, uniquely named directory under /tmp for one test. Call `remove()` when done.
package struct TemporaryDirectory: Sendable {
    package let path: String

    /// Creates the directory (`mkdtemp`, so two tests never share one).
    package init(prefix: String = "feedd-test") throws {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard created != nil else {
            throw TemporaryDirectoryError(message: "mkdtemp failed: \(String(cString: strerror(errno)))")
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The path of `name` inside the directory (nothing is created).
    package func file(_ name: String) -> String { path + "/" + name }

    /// Writes `contents` to `name` inside the directory and returns its path.
    @discardableResult
    package func write(_ name: String, _ contents: String) throws -> String {
        let target = file(name)
        try contents.write(toFile: target, atomically: false, encoding: .utf8)
        return target
    }

    /// Deletes the directory and everything in it.
    package func remove() { try? FileManager.default.removeItem(atPath: path) }
}

package struct TemporaryDirectoryError: Error, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}
