import FeeddCore
import Foundation

/// One request as the test server received it.
package struct TestRequest: Sendable {
    package var method: String
    /// The request target as sent, query included (`/feed.xml?x=1`).
    package var target: String
    /// The target without its query (`/feed.xml`).
    package var path: String
    /// Header lines in the order received, names as sent.
    package var headers: [HTTPHeader]
    package var body: [UInt8]
    package var received: Date
    /// Which TCP connection carried it, counted from 1; equal numbers mean the connection was reused.
    package var connection: Int

    /// The first value of a header, names compared case-insensitively.
    package func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
