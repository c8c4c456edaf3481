import FeeddCore
import FeeddSystem
import TestSupport
import Testing

/// Sharding: `K/N`, registrable domains, the rendezvous hash and the map every instance computes alike.
@Suite struct ShardingTests {
    /// Host names of our own making: a random label under a random one of a few suffixes.
    static func hosts(_ count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        let suffixes = ["com", "org", "net", "co.uk", "de", "com.au", "io", "news"]
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        var names = Set<String>()
        while names.count < count {
            let length = Int(random.next() % 10) + 3
            let label = String((0..<length).map { _ in letters[Int(random.next() % UInt64(letters.count))] })
            names.insert(label + "." + suffixes[Int(random.next() % UInt64(suffixes.count))])
        }
        return names.sorted()
    }

    // MARK: ShardSpec

    @Test(arguments: [("1/1", 1, 1), ("2/3", 2, 3), ("3/3", 3, 3), (" 1 / 4 ", 1, 4), ("1024/1024", 1024, 1024)])
    func parsesKOfN(text: String, index: Int, count: Int) throws {
        let spec = try ShardSpec(parsing: text)
        #expect(spec.index == index && spec.count == count)
        #expect(spec.members.count == count)
        #expect(spec.member == String(index))
    }

    @Test(arguments: [
        ("0/3", "K must be from 1 to N"), ("4/3", "K must be from 1 to N (3)"), ("1/0", "N must be from 1 to 1024"),
        ("1/1025", "N must be from 1 to 1024"), ("3", "shard must be K/N"), ("a/b", "shard must be K/N"),
        ("-1/3", "shard must be K/N"), ("+1/3", "shard must be K/N"), ("1/3/4", "shard must be K/N"), ("", "shard must be K/N"),
    ])
    func refusesWhatIsNotKOfN(text: String, message: String) {
        #expect(throws: ShardSpecError.self) { try ShardSpec(parsing: text) }
        do {
            _ = try ShardSpec(parsing: text)
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    // MARK: the weight

    /// Frozen: the map every deployed instance computes. A change here reshuffles every shard.
    @Test func theWeightIsFrozen() {
        #expect(RendezvousHash.weight(member: "1", key: "example.com") != RendezvousHash.weight(member: "1e", key: "xample.com"))
        #expect(String(RendezvousHash.weight(member: "1", key: "example.com"), radix: 16) == "5b4d3d8b608e9748")
        let map = ShardMap(members: ["1", "2", "3"])
        let owners = ["www.example.com", "feeds.bbc.co.uk", "feeds.npr.org", "127.0.0.2"].map { map.owner(ofHost: $0)! }
        #expect(owners == ["2", "1", "3", "1"])
    }

    // MARK: registrable domains

    @Test(arguments: [
        ("www.bbc.co.uk", "bbc.co.uk"), ("news.bbc.co.uk", "bbc.co.uk"), ("bbc.co.uk", "bbc.co.uk"),
        ("feeds.npr.org", "npr.org"), ("WWW.Example.COM.", "example.com"), ("a.b.c.example.com.au", "example.com.au"),
        ("co.uk", "co.uk"), ("localhost", "localhost"), ("127.0.0.2", "127.0.0.2"), ("[::1]", "[::1]"),
        ("writer.blogspot.com", "writer.blogspot.com"), ("xn--bcher-kva.example", "xn--bcher-kva.example"),
    ])
    func registrableDomain(host: String, domain: String) {
        #expect(RegistrableDomain.of(host: host) == domain)
    }

    @Test func subdomainsOfOneSiteShareAnOwner() {
        let map = ShardMap(static: try! ShardSpec(parsing: "1/5"))
        for host in Self.hosts(300, seed: 7) {
            let owners = Set(["www.", "feeds.", "news.eu.", ""].map { map.owner(ofHost: $0 + host) })
            #expect(owners.count == 1, "\(host): \(owners)")
        }
    }

    // MARK: the map

    @Test func sixThousandHostsSpreadEvenlyOverThree() {
        let map = ShardMap(members: ["1", "2", "3"])
        var counts: [String: Int] = [:]
        for host in Self.hosts(6000, seed: 20) { counts[map.owner(ofHost: host)!, default: 0] += 1 }
        #expect(counts.keys.sorted() == ["1", "2", "3"])
        // 2000 each; the binomial standard deviation is about 37, so ±200 is more than five of them.
        for (member, count) in counts { #expect(abs(count - 2000) <= 200, "member \(member) owns \(count)") }
    }

    @Test func aFourthInstanceTakesAboutAQuarterAndOnlyForItself() {
        let three = ShardMap(members: ["1", "2", "3"])
        let four = ShardMap(members: ["1", "2", "3", "4"])
        var moved = 0
        for host in Self.hosts(6000, seed: 21) {
            let before = three.owner(ofHost: host)!
            let after = four.owner(ofHost: host)!
            guard before != after else { continue }
            moved += 1
            #expect(after == "4", "\(host) moved from \(before) to \(after), not to the new instance")
        }
        #expect(abs(moved - 1500) <= 200, "moved \(moved) of 6000")
    }

    @Test func aLeavingInstanceGivesAwayOnlyItsOwnHosts() {
        let three = ShardMap(members: ["a", "b", "c"])
        let two = ShardMap(members: ["a", "c"])
        for host in Self.hosts(2000, seed: 22) {
            let before = three.owner(ofHost: host)!
            if before != "b" { #expect(two.owner(ofHost: host) == before) }
        }
    }

    @Test func theMapDependsOnTheMemberSetOnly() {
        #expect(ShardMap(members: ["c", "a", "b", "a"]) == ShardMap(members: ["a", "b", "c"]))
        #expect(ShardMap(members: []).owner(ofHost: "example.com") == nil)
        #expect(ShardMap(members: ["solo"]).owner(ofHost: "example.com") == "solo")
    }

    // MARK: sources

    static func config(sources count: Int, seed: UInt64) -> Config {
        let hosts = Self.hosts(count / 3, seed: seed)
        var random = SplitMix64(seed: seed)
        let sources = (0..<count).map { index in
            let host = hosts[Int(random.next() % UInt64(hosts.count))]
            let prefix = ["", "www.", "feeds."][index % 3]
            return Source(name: "s\(index)", url: "https://\(prefix)\(host)/feed/\(index)")
        }
        return Config(path: "feeds.conf", settings: Settings(store: "/tmp/none"), sources: sources)
    }

    @Test(arguments: [1, 2, 3, 7])
    func everySourceBelongsToExactlyOneInstance(count: Int) throws {
        let config = Self.config(sources: 600, seed: UInt64(30 + count))
        let ownerships = try (1...count).map { SourceOwnership(static: try ShardSpec(parsing: "\($0)/\(count)")) }
        for source in config.sources {
            #expect(ownerships.filter { $0.owns(source) }.count == 1, "\(source.url)")
        }
        let summaries = ownerships.map { $0.summary(of: config.sources) }
        #expect(summaries.map(\.ownedSources.count).reduce(0, +) == 600)
        #expect(summaries.map(\.ownedHosts.count).reduce(0, +) == summaries[0].totalHosts)
        #expect(ownerships.map { $0.owned(in: config).sources.count } == summaries.map(\.ownedSources.count))
    }

    @Test func theDefaultOwnsEverything() {
        let config = Self.config(sources: 60, seed: 40)
        #expect(SourceOwnership.all.owned(in: config) == config)
        #expect(SourceOwnership.all.ownsAll)
        #expect(SourceOwnership.all.label == "1/1")
        #expect(SourceOwnership(map: ShardMap(members: ["x"]), member: "x").label == "nats")
    }
}
