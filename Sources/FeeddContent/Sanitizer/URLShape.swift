/// What the sanitizer needs to know about a URL attribute before anything else, from one pass over
/// its bytes: whether it can be kept as is, and whether whitespace must be squeezed out first.
enum URLShape: Equatable {
    /// Starts with `http://` or `https://` (any case), is longer than 8 bytes, and holds no
    /// whitespace or control characters: safe as written.
    case plainHTTP
    /// Holds whitespace or control characters (which browsers ignore inside a scheme).
    case spaced
    case other

    init(_ text: String) {
        self = text.utf8.withContiguousStorageIfAvailable(Self.classify) ?? Self.classify(Array(text.utf8))
    }

    init(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        self = Self.classify(UnsafeBufferPointer(rebasing: bytes))
    }

    /// A path from the root (`/a/b?c`, not `//host/a`) without `.` or `..` segments: resolving it
    /// against a base only puts the base's `scheme://authority` in front. Meant for `.other` bytes
    /// (no whitespace or controls).
    static func isPlainRootPath(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard bytes.first == UInt8(ascii: "/") else { return false }
        if bytes.count > 1 && bytes[bytes.startIndex + 1] == UInt8(ascii: "/") { return false }
        var previous: UInt8 = 0
        for c in bytes {
            if c == UInt8(ascii: "?") || c == UInt8(ascii: "#") { break }
            if c == UInt8(ascii: ".") && previous == UInt8(ascii: "/") { return false }
            previous = c
        }
        return true
    }

    private static func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> URLShape {
        for c in bytes where c <= 0x20 || c == 0x7F { return .spaced }
        guard bytes.count > 8 else { return .other }
        return hasPrefix(bytes, https) || hasPrefix(bytes, http) ? .plainHTTP : .other
    }

    private static func classify(_ bytes: [UInt8]) -> URLShape {
        bytes.withUnsafeBufferPointer(classify)
    }

    /// Case-insensitive for letters; `| 0x20` leaves `:` and `/` as they are.
    private static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        let start = prefix.utf8Start
        for k in 0..<count where bytes[k] | 0x20 != start[k] { return false }
        return true
    }

    private static let https: StaticString = "https://"
    private static let http: StaticString = "http://"
}
