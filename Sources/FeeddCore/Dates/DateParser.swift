import Foundation

/// Liberal date parsing for what feeds publish: RFC 822/2822 (any zone name or offset, missing
/// seconds or weekday, two-digit years, a wrong weekday), RFC 3339 / ISO 8601 / W3CDTF (with or
/// without zone, fractional seconds, a space for `T`), and common broken mixes of both.
/// Results are UTC instants. Anything unparseable is nil, never "now".
package enum DateParser {
    package static func parse(_ text: String) -> Date? {
        var bytes = Array(text.utf8)
        if let first = bytes.first, let last = bytes.last, isSpace(first) || isSpace(last) {
            let start = bytes.firstIndex { !isSpace($0) } ?? bytes.count
            let end = bytes.lastIndex { !isSpace($0) }.map { $0 + 1 } ?? start
            bytes = start < end ? Array(bytes[start..<end]) : []
        }
        guard bytes.count >= 4, bytes.count <= 100 else { return nil }
        if isDigit(bytes[0]), let date = parseISO(bytes) { return date }
        if let date = parseStrictRFC822(bytes) { return date }
        return parseRFC822(bytes)
    }

    /// A date more than two days ahead of `now` is a publisher's mistake (or a wrong zone), not news.
    package static func isImplausibleFuture(_ date: Date, now: Date) -> Bool {
        date.timeIntervalSince(now) > 2 * 86_400
    }

    /// Exactly `count` ASCII digits at `i` as a number, moving `i` past them; nil (and `i` unmoved) otherwise.
    private static func fixedDigits(_ b: [UInt8], at i: inout Int, count: Int) -> Int64? {
        guard i + count <= b.count else { return nil }
        var value: Int64 = 0
        for k in i..<(i + count) {
            guard isDigit(b[k]) else { return nil }
            value = value * 10 + Int64(b[k] - 48)
        }
        i += count
        return value
    }

    /// Moves `i` past `c` when `c` is there.
    private static func skip(_ c: UInt8, in b: [UInt8], at i: inout Int) -> Bool {
        if i < b.count, b[i] == c { i += 1; return true }
        return false
    }

    // MARK: ISO 8601 / RFC 3339 / W3CDTF

    private static func parseISO(_ b: [UInt8]) -> Date? {
        // The position is passed to static helpers rather than captured by nested functions: captured,
        // it lived in a heap box checked for exclusive access on every digit.
        var i = 0
        guard let year = fixedDigits(b, at: &i, count: 4) else { return nil }
        var month: Int64 = 1
        var day: Int64 = 1
        if skip(UInt8(ascii: "-"), in: b, at: &i) || skip(UInt8(ascii: "/"), in: b, at: &i) {
            guard let m = fixedDigits(b, at: &i, count: 2) ?? fixedDigits(b, at: &i, count: 1) else { return nil }
            month = m
            if skip(UInt8(ascii: "-"), in: b, at: &i) || skip(UInt8(ascii: "/"), in: b, at: &i) {
                guard let d = fixedDigits(b, at: &i, count: 2) ?? fixedDigits(b, at: &i, count: 1) else { return nil }
                day = d
            }
        } else if let m = fixedDigits(b, at: &i, count: 2) {  // basic format 20240105
            month = m
            guard let d = fixedDigits(b, at: &i, count: 2) else { return nil }
            day = d
        }
        var hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0
        var fraction = 0.0
        var offset: Int64 = 0
        if i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") {
            i += 1
            while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
            if i < b.count, isDigit(b[i]) {
                guard let h = fixedDigits(b, at: &i, count: 2) ?? fixedDigits(b, at: &i, count: 1) else { return nil }
                hour = h
                let colon = skip(UInt8(ascii: ":"), in: b, at: &i)
                guard let mi = fixedDigits(b, at: &i, count: 2) else { return nil }
                minute = mi
                if skip(UInt8(ascii: ":"), in: b, at: &i) || (!colon && i + 1 < b.count && isDigit(b[i])) {
                    guard let s = fixedDigits(b, at: &i, count: 2) else { return nil }
                    second = s
                }
                if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                    i += 1
                    var scale = 0.1
                    while i < b.count, isDigit(b[i]) {
                        fraction += Double(b[i] - 48) * scale
                        scale /= 10
                        i += 1
                    }
                }
            }
        }
        while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
        if i < b.count {
            guard let zone = zoneOffset(Array(b[i...])) else { return nil }
            offset = zone
        }
        return makeDate(year: year, month: month, day: day, hour: hour, minute: minute, second: second,
                        offset: offset, fraction: fraction)
    }

    // MARK: RFC 822 and friends

    /// The form nearly every RSS feed uses, `Tue, 05 Mar 2024 12:00:00 +0000` (weekday optional, zone
    /// `GMT`, `UT`, `UTC`, `Z` or a four-digit offset), read in place. Nil for anything else, which
    /// then goes through the general reader below; on this form both give the same result.
    private static func parseStrictRFC822(_ b: [UInt8]) -> Date? {
        var i = 0
        if b.count > 5, isLetter(b[0]), isLetter(b[1]), isLetter(b[2]), b[3] == UInt8(ascii: ","), b[4] == 32 {
            let name = (UInt32(b[0] | 0x20) << 16) | (UInt32(b[1] | 0x20) << 8) | UInt32(b[2] | 0x20)
            guard weekdayCodes.contains(name) else { return nil }
            i = 5
        }
        func number(_ count: Int) -> Int64? { fixedDigits(b, at: &i, count: count) }
        func skip(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        let dayDigits = i + 1 < b.count && isDigit(b[i + 1]) ? 2 : 1
        guard let day = number(dayDigits), day >= 1, day <= 31, skip(32), i + 3 < b.count,
            isLetter(b[i]), isLetter(b[i + 1]), isLetter(b[i + 2]), b[i + 3] == 32
        else { return nil }
        let monthCode = (UInt32(b[i] | 0x20) << 16) | (UInt32(b[i + 1] | 0x20) << 8) | UInt32(b[i + 2] | 0x20)
        guard let monthIndex = monthCodes.firstIndex(of: monthCode) else { return nil }
        i += 4
        guard let year = number(4), skip(32), let hour = number(2), skip(UInt8(ascii: ":")), let minute = number(2),
            skip(UInt8(ascii: ":")), let second = number(2), skip(32), i < b.count
        else { return nil }
        let zone = b[i...]
        var offset: Int64
        if zone.count == 5, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            i += 1
            guard let value = number(4), value / 100 <= 14, value % 100 < 60 else { return nil }
            offset = (value / 100) * 3600 + (value % 100) * 60
            if zone.first == UInt8(ascii: "-") { offset = -offset }
        } else if zone.elementsEqual("GMT".utf8) || zone.elementsEqual("UTC".utf8) || zone.elementsEqual("UT".utf8)
            || zone.elementsEqual("Z".utf8)
        {
            offset = 0
        } else if zone.allSatisfy(isLetter) {
            // A zone name ("PST", "EDT"): read as the general reader reads a lone word after the time,
            // where a month or weekday name is skipped and AM/PM changes the hour (both left to it), and
            // an unknown name leaves the time as UTC.
            let word = Array(zone)
            if monthNumber(word) != nil || isWeekday(word) || meridiem(word) != nil { return nil }
            offset = zoneOffset(word) ?? 0
        } else {
            return nil
        }
        return makeDate(year: year, month: Int64(monthIndex + 1), day: day, hour: hour, minute: minute,
                        second: second, offset: offset, fraction: 0)
    }

    /// Three lowercase letters packed into one number, for comparing names without building strings.
    private static let weekdayCodes: [UInt32] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map(code)
    private static let monthCodes: [UInt32] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                               "nov", "dec"].map(code)
    private static func code(_ name: String) -> UInt32 {
        name.utf8.reduce(0) { ($0 << 8) | UInt32($1) }
    }

    private static func parseRFC822(_ b: [UInt8]) -> Date? {
        // Split into words on spaces and commas; classify each.
        var words: [[UInt8]] = []
        var current: [UInt8] = []
        for c in b {
            if c == UInt8(ascii: " ") || c == UInt8(ascii: ",") || c == UInt8(ascii: "\t") {
                if !current.isEmpty { words.append(current); current = [] }
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { words.append(current) }
        var day: Int64?, month: Int64?, year: Int64?
        var hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0
        var fraction = 0.0
        var offset: Int64?
        var sawTime = false
        var pm: Bool? = nil
        var index = 0
        while index < words.count {
            var word = words[index]
            index += 1
            // "10-Jun-2003" and "10/Jun/2003" are split further.
            if word.contains(UInt8(ascii: "-")) && !sawTime && word.first.map(isDigit) == true
                && word.contains(where: isLetter)
            {
                let parts = word.split(separator: UInt8(ascii: "-")).map(Array.init)
                words.insert(contentsOf: parts, at: index)
                continue
            }
            if let m = monthNumber(word) {
                if month == nil { month = m }
                continue
            }
            if isWeekday(word) { continue }
            if word.contains(UInt8(ascii: ":")) && isDigit(word[0]) && !sawTime {
                // hh:mm[:ss[.fff]], maybe glued to a zone ("04:00:00Z", "04:00:00+0000")
                var zoneStart = word.firstIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || isLetter($0) })
                if let z = zoneStart, z == 0 { zoneStart = nil }
                let timePart = zoneStart.map { Array(word[..<$0]) } ?? word
                if let z = zoneStart {
                    let suffix = Array(word[z...])
                    if let half = meridiem(suffix) { pm = half } else { offset = zoneOffset(suffix) }
                }
                let pieces = timePart.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
                guard pieces.count >= 2, pieces.count <= 3 else { return nil }
                guard let h = number(Array(pieces[0])), let mi = number(Array(pieces[1])) else { return nil }
                hour = h
                minute = mi
                if pieces.count == 3 {
                    let secondPiece = Array(pieces[2])
                    if let dot = secondPiece.firstIndex(of: UInt8(ascii: ".")) {
                        guard let s = number(Array(secondPiece[..<dot])) else { return nil }
                        second = s
                        var scale = 0.1
                        for c in secondPiece[(dot + 1)...] where isDigit(c) {
                            fraction += Double(c - 48) * scale
                            scale /= 10
                        }
                    } else {
                        guard let s = number(secondPiece) else { return nil }
                        second = s
                    }
                }
                sawTime = true
                continue
            }
            if word[0] == UInt8(ascii: "+") || (word[0] == UInt8(ascii: "-") && word.count > 1) {
                guard offset == nil else { continue }
                guard let zone = zoneOffset(word) else { return nil }
                offset = zone
                continue
            }
            // Strip ordinal suffixes ("1st", "22nd") and trailing dots ("10.").
            while let last = word.last, isLetter(last) || last == UInt8(ascii: "."), word.count > 1, isDigit(word[0]) {
                word.removeLast()
            }
            if let value = number(word) {
                if word.count >= 3 {
                    if year == nil { year = value }
                } else if day == nil && value >= 1 && value <= 31 {
                    day = value
                } else if year == nil {
                    year = value < 50 ? 2000 + value : (value < 100 ? 1900 + value : value)
                }
                continue
            }
            if isLetter(word[0]) {
                if sawTime, pm == nil, let half = meridiem(word) {
                    pm = half
                    continue
                }
                if let zone = zoneOffset(word) {
                    if offset == nil { offset = zone }
                    continue
                }
                // "(PST)" comments and unknown words ("at", "Date:") are ignored; unknown zone names
                // too, since the local time is still the best reading.
                continue
            }
            if word[0] == UInt8(ascii: "(") { continue }
            return nil
        }
        guard let d = day, let m = month, let y = year else { return nil }
        if let pm {
            // 12-hour clock: "12:30 AM" is half past midnight, "12:30 PM" half past noon.
            guard hour >= 1 && hour <= 12 else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        return makeDate(year: y, month: m, day: d, hour: hour, minute: minute, second: second,
                        offset: offset ?? 0, fraction: fraction)
    }

    /// `AM`/`PM` (any case, with or without dots): false for AM, true for PM, nil for anything else.
    private static func meridiem(_ word: [UInt8]) -> Bool? {
        let letters = word.filter { $0 != UInt8(ascii: ".") }.map { $0 | 0x20 }
        guard letters.count == 2, letters[1] == UInt8(ascii: "m") else { return nil }
        switch letters[0] {
        case UInt8(ascii: "a"): return false
        case UInt8(ascii: "p"): return true
        default: return nil
        }
    }

    private static func makeDate(
        year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64, offset: Int64,
        fraction: Double
    ) -> Date? {
        guard year >= 1000, year <= 9999, (1...12).contains(month), day >= 1, day <= daysIn(month, year),
            hour < 24 || (hour == 24 && minute == 0 && second == 0 && fraction == 0), minute < 60, second <= 60
        else { return nil }
        let days = RFC3339.daysFromCivil(year: year, month: month, day: day)
        let total = days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        // The zone can carry the instant out of four-digit years, which RFC 3339 (and so the store) cannot write.
        guard total >= firstStorable, total < endOfStorable else { return nil }
        return Date(timeIntervalSince1970: Double(total) + fraction)
    }

    private static let firstStorable = RFC3339.daysFromCivil(year: 1000, month: 1, day: 1) * 86_400
    private static let endOfStorable = RFC3339.daysFromCivil(year: 10_000, month: 1, day: 1) * 86_400

    private static func daysIn(_ month: Int64, _ year: Int64) -> Int64 {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Seconds east of UTC for `Z`, `+0100`, `-05:00`, `+01`, `GMT+2`, `UTC`, `EST`, military letters.
    private static func zoneOffset(_ raw: [UInt8]) -> Int64? {
        var w = raw
        while let last = w.last, last == UInt8(ascii: ")") || last == UInt8(ascii: ".") { w.removeLast() }
        guard let first = w.first else { return nil }
        if w.count == 1 && (first == UInt8(ascii: "Z") || first == UInt8(ascii: "z")) { return 0 }  // the usual ISO zone
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            let sign: Int64 = first == UInt8(ascii: "-") ? -1 : 1
            let digitsOnly = w.dropFirst().filter { $0 != UInt8(ascii: ":") }
            guard !digitsOnly.isEmpty, digitsOnly.allSatisfy(isDigit), digitsOnly.count <= 4 else { return nil }
            let value = number(Array(digitsOnly))!
            let (h, m) = digitsOnly.count <= 2 ? (value, Int64(0)) : (value / 100, value % 100)
            guard h <= 14, m < 60 else { return nil }
            return sign * (h * 3600 + m * 60)
        }
        let upper = String(decoding: w.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }, as: UTF8.self)
        for prefix in ["GMT", "UTC", "UT"] where upper.hasPrefix(prefix) && upper.count > prefix.count {
            let rest = Array(w[prefix.count...])
            if rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-") { return zoneOffset(rest) }
        }
        if let hours = zoneNames[upper] { return Int64(hours * 3600) }
        if upper.count == 1, let letter = upper.unicodeScalars.first?.value {
            // RFC 822 military zones (A–I, K–M east; N–Y west); J is not used.
            switch letter {
            case 65...73: return Int64(letter - 64) * 3600
            case 75...77: return Int64(letter - 65) * 3600
            case 78...89: return -Int64(letter - 77) * 3600
            default: return nil
            }
        }
        return nil
    }

    private static let zoneNames: [String: Double] = [
        "Z": 0, "GMT": 0, "UT": 0, "UTC": 0, "WET": 0, "BST": 1, "IST": 5.5, "WEST": 1, "CET": 1, "MET": 1,
        "CEST": 2, "MEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "MSD": 4, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
        "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10, "AST": -4, "ADT": -3,
        "NST": -3.5, "NDT": -2.5, "JST": 9, "KST": 9, "HKT": 8, "SGT": 8, "AWST": 8, "ACST": 9.5, "ACDT": 10.5,
        "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13, "PHT": 8, "WIB": 7, "ICT": 7, "PKT": 5, "BRT": -3,
        "ART": -3, "CLT": -4, "SAST": 2, "CAT": 2, "EAT": 3, "WAT": 1,
    ]

    private static func monthNumber(_ word: [UInt8]) -> Int64? {
        guard word.count >= 3, word.allSatisfy({ isLetter($0) || $0 == UInt8(ascii: ".") }) else { return nil }
        // The month its first three letters name (any case), then: "Jun", "June", "Sept", "Sep." are that
        // month; words that merely start like one ("Marathon") are not. Compared on bytes, uppercased.
        guard let index = monthNames.firstIndex(where: { name in
            (0..<3).allSatisfy { name[$0] == upper(word[$0]) }
        }) else { return nil }
        return isPrefix(word, of: monthNames[index]) ? Int64(index + 1) : nil
    }

    private static func isWeekday(_ word: [UInt8]) -> Bool {
        guard word.count >= 2, word.allSatisfy({ isLetter($0) || $0 == UInt8(ascii: ".") }) else { return false }
        guard word.lazy.filter({ $0 != UInt8(ascii: ".") }).count >= 3 else { return false }
        return weekdayNames.contains { isPrefix(word, of: $0) }
    }

    private static let monthNames: [[UInt8]] = [
        "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER",
        "DECEMBER",
    ].map { Array($0.utf8) }
    private static let weekdayNames: [[UInt8]] = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
                                                  "SUNDAY", "THURS", "TUES"].map { Array($0.utf8) }

    private static func upper(_ c: UInt8) -> UInt8 { c >= 97 ? c - 32 : c }

    /// `word` uppercased, its dots left out, is a prefix of `name`.
    private static func isPrefix(_ word: [UInt8], of name: [UInt8]) -> Bool {
        var index = 0
        for c in word where c != UInt8(ascii: ".") {
            guard index < name.count, name[index] == upper(c) else { return false }
            index += 1
        }
        return true
    }

    private static func number(_ word: [UInt8]) -> Int64? {
        guard !word.isEmpty, word.count <= 9, word.allSatisfy(isDigit) else { return nil }
        return word.reduce(0) { $0 * 10 + Int64($1 - 48) }
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    private static func isLetter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
    private static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }
}
