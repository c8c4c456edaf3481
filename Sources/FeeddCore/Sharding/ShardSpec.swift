/// `K/N`: this instance is the K-th of N that share one feeds.conf (`shard = K/N`, `--shard K/N`).
/// `1/1`, the default, owns every source.
package struct ShardSpec: Sendable, Hashable, CustomStringConvertible {
    /// 1-based: 1 ≤ index ≤ count.
    package let index: Int
    package let count: Int

    /// More instances than this is a typo, not a deployment.
    package static let maxCount = 1024
    package static let all = ShardSpec(uncheckedIndex: 1, count: 1)

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Reads `K/N`; the error says what is wrong with the text.
    package init(parsing text: String) throws(ShardSpecError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Self.number(parts[0]), let count = Self.number(parts[1]) else {
            throw ShardSpecError("shard must be K/N (this instance's number, then how many share feeds.conf), such as 2/3, not \"\(text)\"")
        }
        guard count >= 1, count <= Self.maxCount else {
            throw ShardSpecError("shard \(text): N must be from 1 to \(Self.maxCount)")
        }
        guard index >= 1, index <= count else {
            throw ShardSpecError("shard \(text): K must be from 1 to N (\(count)); instances are numbered from 1")
        }
        self.init(uncheckedIndex: index, count: count)
    }

    /// Plain decimal digits only (no sign, no spaces inside): `+1/3` or `1 / 3` are typos worth naming.
    private static func number(_ text: Substring) -> Int? {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty, trimmed.count <= 6, trimmed.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(trimmed)
    }

    /// The members of a static shard map: "1" … "N".
    package var members: [String] { (1...count).map(String.init) }
    /// This instance's member ID in the static map.
    package var member: String { String(index) }

    package var description: String { "\(index)/\(count)" }
}

package struct ShardSpecError: Error, Sendable, CustomStringConvertible {
    package let message: String
    init(_ message: String) { self.message = message }
    package var description: String { message }
}
