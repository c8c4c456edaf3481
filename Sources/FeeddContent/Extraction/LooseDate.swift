import FeeddCore
import Foundation

/// The dates pages print: ISO 8601 / RFC 3339 with or without time and offset, RFC 822, "March 5, 2024",
/// "5 March 2024 10:30 AM", "2024/03/05", "05.03.2024", and dates in URL paths.
/// A time without a zone is taken as UTC; a date without a time as midnight UTC.
enum LooseDate {
    static func parse(_ raw: String) -> Date? {
        let text = raw.trimmedSpaces()
        // Every supported form has digits; most strings tested here have none.
        guard text.utf8.count >= 6, text.utf8.count <= 160, text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if let date = RFC3339.parse(text) { return date }
        if let date = iso(Array(text.utf8)) { return date }
        // Every word form needs a year, four ASCII digits in a row: skip the Character walk when there is none.
        guard hasFourDigits(text) else { return nil }
        return words(text)
    }

    static func hasFourDigits(_ text: String) -> Bool {
        var run = 0
        for byte in text.utf8 {
            run = byte >= 0x30 && byte <= 0x39 ? run + 1 : 0
            if run == 4 { return true }
        }
        return false
    }

    private static func iso(_ b: [UInt8]) -> Date? {
        func num(_ from: Int, _ count: Int) -> Int64? {
            guard from + count <= b.count else { return nil }
            var value: Int64 = 0
            for i in from..<(from + count) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                value = value * 10 + Int64(b[i] - 48)
            }
            return value
        }
        guard b.count >= 10, let year = num(0, 4), b[4] == 0x2D || b[4] == 0x2F, let month = num(5, 2),
            b[7] == b[4], let day = num(8, 2), (1...12).contains(month), (1...31).contains(day), year > 1900
        else { return nil }
        var seconds: Int64 = 0
        var index = 10
        if index < b.count, b[index] == UInt8(ascii: "T") || b[index] == 0x20 {
            guard let hour = num(index + 1, 2), index + 3 < b.count, b[index + 3] == 0x3A, let minute = num(index + 4, 2)
            else { return midnight(year, month, day) }
            seconds = hour * 3600 + minute * 60
            index += 6
            if index < b.count, b[index] == 0x3A, let second = num(index + 1, 2) {
                seconds += second
                index += 3
            }
            if index < b.count, b[index] == 0x2E || b[index] == 0x2C {
                index += 1
                while index < b.count, b[index] >= 48, b[index] <= 57 { index += 1 }
            }
            while index < b.count, b[index] == 0x20 { index += 1 }
            if index < b.count, b[index] == 0x2B || b[index] == 0x2D {
                let sign: Int64 = b[index] == 0x2D ? -1 : 1
                if let oh = num(index + 1, 2) {
                    var om: Int64 = 0
                    if let m = num(index + 3, 2) { om = m } else if index + 3 < b.count, b[index + 3] == 0x3A, let m = num(index + 4, 2) { om = m }
                    seconds -= sign * (oh * 3600 + om * 60)
                }
            }
        }
        let days = RFC3339.daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400 + seconds))
    }

    private static func midnight(_ year: Int64, _ month: Int64, _ day: Int64) -> Date {
        Date(timeIntervalSince1970: Double(RFC3339.daysFromCivil(year: year, month: month, day: day) * 86_400))
    }

    static let months: [String: Int64] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
        "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
        "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
        // A few other languages' month names that news sites print.
        "januar": 1, "februar": 2, "märz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
        "janvier": 1, "février": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8, "septembre": 9,
        "octobre": 10, "novembre": 11, "décembre": 12, "enero": 1, "febrero": 2, "marzo": 3, "abril": 4,
        "mayo": 5, "junio": 6, "julio": 7, "agosto": 8, "septiembre": 9, "octubre": 10, "noviembre": 11,
        "diciembre": 12,
    ]

    static let zones: [String: Int64] = [
        "gmt": 0, "utc": 0, "z": 0, "ut": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
        "pst": -8, "pdt": -7, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3,
    ]

    /// Word-based forms: a month name, a day, a four-digit year, optionally a time, AM/PM and a zone.
    private static func words(_ text: String) -> Date? {
        var tokens: [Substring] = []
        var current = text.startIndex
        var start: String.Index?
        for index in text.indices {
            let c = text[index]
            let isPart = c.isLetter || c.isNumber || c == ":" || c == "+" || (c == "-" && start == nil)
            if isPart {
                if start == nil { start = index }
            } else if let s = start {
                tokens.append(text[s..<index])
                start = nil
            }
            current = index
        }
        if let s = start { tokens.append(text[s...current]) }
        var year: Int64?
        var month: Int64?
        var day: Int64?
        var numbers: [Int64] = []
        var seconds: Int64 = 0
        var pm: Bool?
        var offset: Int64 = 0
        for token in tokens {
            let lower = token.lowercased()
            if let m = months[lower] ?? months[String(lower.prefix(3))].flatMap({ lower.count <= 4 ? $0 : nil }) {
                if month == nil { month = m }
                continue
            }
            if token.contains(":" as Character) {
                let parts = token.split(separator: ":").compactMap { Int64($0) }
                if parts.count >= 2, parts[0] < 24, parts[1] < 60 {
                    seconds = parts[0] * 3600 + parts[1] * 60 + (parts.count > 2 ? parts[2] : 0)
                }
                continue
            }
            if lower == "am" || lower == "a.m" { pm = false; continue }
            if lower == "pm" || lower == "p.m" { pm = true; continue }
            if let zone = zones[lower] { offset = zone * 3600; continue }
            if (token.first == "+" || token.first == "-"), token.count == 5, let value = Int64(token.dropFirst()) {
                offset = (token.first == "-" ? -1 : 1) * ((value / 100) * 3600 + (value % 100) * 60)
                continue
            }
            let digits = token.hasSuffix("st") || token.hasSuffix("nd") || token.hasSuffix("rd") || token.hasSuffix("th")
                ? token.dropLast(2) : token
            if let value = Int64(digits) {
                if digits.count == 4, value > 1900, value < 2200 { year = value } else { numbers.append(value) }
            }
        }
        if month == nil {
            // Numeric dates: 2024/03/05 was handled as ISO; 05.03.2024 and 05/03/2024 read day first,
            // unless the first number cannot be a day of a month (then month first, US style).
            let parts = text.split { $0 == "." || $0 == "/" || $0 == " " }.prefix(3).compactMap { Int64($0) }
            if parts.count == 3, parts[2] > 1900 {
                if parts[1] > 12, parts[0] <= 12 { month = parts[0]; day = parts[1] } else { day = parts[0]; month = parts[1] }
                year = parts[2]
            }
        } else {
            day = numbers.first { $0 >= 1 && $0 <= 31 }
        }
        guard let year, let month, let day, (1...12).contains(month), (1...31).contains(day) else { return nil }
        if let pm {
            let hour = seconds / 3600
            if pm && hour < 12 { seconds += 12 * 3600 } else if !pm && hour == 12 { seconds -= 12 * 3600 }
        }
        let days = RFC3339.daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days * 86_400 + seconds - offset))
    }

    /// A date in a URL path: `/2024/03/05/`, `/2024-03-05-slug`, `/20240305/`.
    static func fromURL(_ url: String) -> Date? {
        let b = Array(url.utf8)
        guard b.count >= 10 else { return nil }
        func digits(_ from: Int, _ count: Int) -> Int64? {
            guard from >= 0, from + count <= b.count else { return nil }
            var value: Int64 = 0
            for i in from..<(from + count) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                value = value * 10 + Int64(b[i] - 48)
            }
            return value
        }
        var i = 0
        while i + 10 <= b.count {
            if b[i] == 0x2F, let year = digits(i + 1, 4), year > 1990, year < 2200 {
                let sep = i + 5 < b.count ? b[i + 5] : 0
                if sep == 0x2F || sep == 0x2D || sep == 0x5F, let month = digits(i + 6, 2), (1...12).contains(month) {
                    let sep2 = i + 8 < b.count ? b[i + 8] : 0
                    if sep2 == sep, let day = digits(i + 9, 2), (1...31).contains(day) {
                        return midnight(year, month, day)
                    }
                } else if let month = digits(i + 5, 2), let day = digits(i + 7, 2), (1...12).contains(month),
                    (1...31).contains(day), i + 9 == b.count || b[i + 9] == 0x2F || b[i + 9] == 0x2D
                {
                    return midnight(year, month, day)
                }
            }
            i += 1
        }
        return nil
    }
}
