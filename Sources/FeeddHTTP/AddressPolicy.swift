import Glibc

/// Which IP addresses a source may reach. A public source must not be turned against the machine
/// it runs on or its network (SSRF): loopback, private, link-local, carrier-grade NAT, multicast and
/// reserved ranges are refused unless the source allows them (`allow_private`).
package enum AddressPolicy {
    /// Whether `host` (a URL's host) names this machine or a private network by itself: `localhost`,
    /// or an IP literal in a refused range. Such a source is allowed private addresses by default.
    package static func isPrivateHost(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" || name.hasSuffix(".localhost") { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 { return isPrivate(ipv4: UInt32(bigEndian: v4.s_addr)) }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { isPrivate(ipv6: Array($0)) }
        }
        return false
    }

    /// An IPv4 address in host byte order.
    package static func isPrivate(ipv4 address: UInt32) -> Bool {
        func inRange(_ base: UInt32, _ bits: UInt32) -> Bool {
            let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
            return address & mask == base & mask
        }
        return inRange(0x0000_0000, 8)  // "this network"
            || inRange(0x0A00_0000, 8)  // 10/8
            || inRange(0x6440_0000, 10)  // 100.64/10 carrier-grade NAT
            || inRange(0x7F00_0000, 8)  // loopback
            || inRange(0xA9FE_0000, 16)  // 169.254/16 link-local (cloud metadata lives here)
            || inRange(0xAC10_0000, 12)  // 172.16/12
            || inRange(0xC000_0000, 24)  // 192.0.0/24 protocol assignments
            || inRange(0xC0A8_0000, 16)  // 192.168/16
            || inRange(0xC612_0000, 15)  // 198.18/15 benchmarking
            || inRange(0xE000_0000, 4)  // multicast
            || inRange(0xF000_0000, 4)  // reserved and broadcast
    }

    /// An IPv6 address as its 16 bytes.
    package static func isPrivate(ipv6 bytes: [UInt8]) -> Bool {
        guard bytes.count == 16 else { return true }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) { return bytes[15] <= 1 }  // :: and ::1
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            // IPv4-mapped: judge the IPv4 address.
            return isPrivate(ipv4: UInt32(bytes[12]) << 24 | UInt32(bytes[13]) << 16 | UInt32(bytes[14]) << 8 | UInt32(bytes[15]))
        }
        return bytes[0] & 0xFE == 0xFC  // fc00::/7 unique local
            || (bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80)  // fe80::/10 link-local
            || bytes[0] == 0xFF  // multicast
    }

    /// The address a socket is about to connect to, as text, when it is refused; nil when allowed.
    static func refusal(_ address: UnsafePointer<sockaddr>) -> String? {
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            return address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { v4 in
                let value = UInt32(bigEndian: v4.pointee.sin_addr.s_addr)
                guard isPrivate(ipv4: value) else { return nil }
                return "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
            }
        case AF_INET6:
            return address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { v6 in
                var raw = v6.pointee.sin6_addr
                let bytes = withUnsafeBytes(of: &raw) { Array($0) }
                guard isPrivate(ipv6: bytes) else { return nil }
                var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
                inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
                let characters = text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
                return String(decoding: characters, as: UTF8.self)
            }
        default:
            return "an address of family \(address.pointee.sa_family)"
        }
    }
}
