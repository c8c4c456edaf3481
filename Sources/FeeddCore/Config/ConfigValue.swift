/// Parsers for the value forms feeds.conf uses. Each returns nil on a malformed value;
/// the caller turns that into a located message.
package enum ConfigValue {
    /// `90s`, `15m`, `2h`, `1d`, `1h30m`, or plain seconds. Returns seconds.
    package static func duration(_ text: String) -> Double? {
        var total = 0.0
        var number = ""
        var sawUnit = false
        for character in text.lowercased() {
            if character.isNumber || character == "." {
                number.append(character)
                continue
            }
            guard let value = Double(number) else { return nil }
            switch character {
            case "s": total += value
            case "m": total += value * 60
            case "h": total += value * 3600
            case "d": total += value * 86_400
            case "w": total += value * 604_800
            default: return nil
            }
            number = ""
            sawUnit = true
        }
        if !number.isEmpty {
            guard !sawUnit, let value = Double(number) else { return nil }
            total += value
        } else if !sawUnit {
            return nil
        }
        return total
    }

    /// `1048576`, `512K`, `16M`, `16MiB`, `20G`, `1T` (binary multiples). Returns bytes.
    package static func size(_ text: String) -> Int64? {
        var digits = Substring(text.uppercased())
        var multiplier: Int64 = 1
        if digits.hasSuffix("IB") { digits = digits.dropLast(2) } else if digits.hasSuffix("B") { digits = digits.dropLast() }
        switch digits.last {
        case "K": multiplier = 1 << 10
        case "M": multiplier = 1 << 20
        case "G": multiplier = 1 << 30
        case "T": multiplier = 1 << 40
        default: break
        }
        if multiplier != 1 { digits = digits.dropLast() }
        guard let value = Int64(digits.trimmingSpaces), value >= 0 else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }

    package static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "true", "on", "1": return true
        case "no", "false", "off", "0": return false
        default: return nil
        }
    }

    /// Comma-separated list, items trimmed, empty items dropped.
    package static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0.trimmingSpaces) }.filter { !$0.isEmpty }
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}

extension String {
    var trimmingSpaces: Substring { Substring(self).trimmingSpaces }
}
