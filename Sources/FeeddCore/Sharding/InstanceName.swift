import Glibc

/// A member ID (`instance = NAME`): the key this instance registers under in the members bucket, so it keeps
/// to the characters a NATS key-value key may hold, and to a length a log line can carry.
package enum InstanceName {
    package static let maxLength = 64

    package static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= maxLength && !name.hasPrefix(".") && !name.hasSuffix(".")
            && name.utf8.allSatisfy { byte in
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == 0x2E || byte == 0x5F || byte == 0x2D
            }
    }

    /// The message for a name `isValid` refuses.
    package static func rule(_ name: String) -> String {
        "instance must be 1 to \(maxLength) letters, digits, \".\", \"_\" or \"-\" (not starting or ending with \".\"), not \"\(name)\""
    }

    /// The default: this machine's host name, with any character a member ID cannot hold replaced by "-";
    /// "feedd" if the system has none.
    package static func hostDefault() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "feedd" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let allowed = bytes.map { isValid(String(decoding: [$0], as: UTF8.self)) || $0 == 0x2E ? $0 : 0x2D }
        var name = String(decoding: allowed.prefix(maxLength), as: UTF8.self)
        while name.hasPrefix(".") { name.removeFirst() }
        while name.hasSuffix(".") { name.removeLast() }
        return name.isEmpty ? "feedd" : name
    }
}
