import Foundation

/// How long a response says to wait: `Retry-After`, `Cache-Control: max-age` and `Expires`, each as
/// seconds from the moment the response arrived. Dates are read against the server's own `Date`
/// header when it sent one, so a skewed server clock does not distort the wait.
package enum CacheHeaders {
    /// `Retry-After: 120` or `Retry-After: <HTTP-date>`; never negative.
    package static func retryAfter(_ value: String, now: Date, serverDate: Date? = nil) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return Double(max(0, seconds)) }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        return max(0, date.timeIntervalSince(serverDate ?? now))
    }

    /// `max-age` from a `Cache-Control` value; nil when absent or when caching is refused
    /// (`no-store`, `no-cache`), which say nothing about how often to poll.
    package static func maxAge(cacheControl value: String) -> Double? {
        var maxAge: Double?
        for directive in value.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1).map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            }
            switch parts[0] {
            case "no-store", "no-cache": return nil
            case "max-age":
                guard parts.count == 2, let seconds = Int(parts[1].trimmingCharacters(in: ["\""])) else { continue }
                maxAge = Double(max(0, seconds))
            default: continue
            }
        }
        return maxAge
    }

    /// `Expires: <HTTP-date>` as seconds from now; an invalid date (often `0` or `-1`) means already expired.
    package static func expires(_ value: String, now: Date, serverDate: Date? = nil) -> Double {
        guard let date = HTTPDate.parse(value) else { return 0 }
        return max(0, date.timeIntervalSince(serverDate ?? now))
    }
}
