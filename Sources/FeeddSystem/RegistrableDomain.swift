import CPSL
import FeeddCore

/// The registrable domain of a host (`news.bbc.co.uk` → `bbc.co.uk`), by the Public Suffix List: the unit
/// feedd shards by, so that every host of one site, and with it per-host politeness, stays in one instance.
/// The list is the one compiled into Debian's libpsl (the library libcurl links), so all instances of one
/// build agree without reading a file. Here, not in FeeddCore, because it is the one piece of sharding that
/// needs a C library.
package enum RegistrableDomain {
    /// `host` lowercased, without a trailing dot, reduced to its registrable domain. IP literals, single-label
    /// hosts (`localhost`) and hosts that are themselves public suffixes (`co.uk`) are their own domain.
    package static func of(host: String) -> String {
        var name = host.lowercased()
        while name.hasSuffix(".") { name.removeLast() }
        if name.isEmpty || !name.contains(".") || isIPLiteral(name) { return name }
        // The answer points into the argument (a suffix of it): read it while the C string is alive.
        let domain = name.withCString { host in psl_registrable_domain(psl_builtin(), host).map { String(cString: $0) } }
        return domain ?? name
    }

    /// IPv6 (with or without brackets: it has a colon, which no host name has) or dotted IPv4.
    static func isIPLiteral(_ host: String) -> Bool {
        if host.contains(":") || host.hasPrefix("[") { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }
}

extension ShardMap {
    /// The member that owns `host` (by its registrable domain); nil when there are no members.
    package func owner(ofHost host: String) -> String? {
        owner(ofDomain: RegistrableDomain.of(host: host))
    }
}
