/// A podcast's playing time as feeds write it, in whole seconds. `itunes:duration` comes as `HH:MM:SS`,
/// `MM:SS` or plain seconds (Apple's spec); minutes past 59 in the first part (`90:00`) are common and
/// read as written. Fractions of a second are dropped. Anything else is nil, never a guess.
enum MediaDuration {
    /// No episode is longer than a year; a bigger number is a typo or a byte count.
    static let maximum = 366 * 86_400

    static func seconds(_ text: String) -> Int? {
        // On bytes: a duration is ASCII digits, colons and a dot, and any other byte (ASCII or not) leaves
        // some part that is not digits, so non-ASCII text is nil before any splitting.
        let bytes = Array(text.trimmingASCIISpace().utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let parts = bytes.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var total = 0
        for (index, part) in parts.enumerated() {
            let isLast = index == parts.count - 1
            guard let value = isLast ? wholeSeconds(part) : digits(part) else { return nil }
            // Only the first part may pass 59 (minutes or hours, or the seconds alone).
            if index > 0, value > 59 { return nil }
            total = total * 60 + value
            if total > maximum { return nil }
        }
        return total
    }

    /// A JSON number of seconds (`duration_in_seconds`).
    static func seconds(_ number: Double) -> Int? {
        guard number.isFinite, number >= 0, number <= Double(maximum) else { return nil }
        return Int(number)
    }

    private static func digits(_ part: ArraySlice<UInt8>) -> Int? {
        guard !part.isEmpty, part.count <= 9, part.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return part.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// `12` or `12.5` (the fraction dropped).
    private static func wholeSeconds(_ part: ArraySlice<UInt8>) -> Int? {
        let pieces = part.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        if pieces.count == 2, digits(pieces[1]) == nil { return nil }
        return digits(pieces[0])
    }
}
