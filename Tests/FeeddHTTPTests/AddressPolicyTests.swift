import FeeddCore
import Foundation
import TestSupport
import Testing

@testable import FeeddHTTP

@Suite struct AddressPolicyTests {
    @Test(arguments: [
        "127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "localhost", "api.localhost", "[::1]", "::",
        "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.1.2.3", "ff02::1",
    ])
    func privateHosts(host: String) {
        #expect(AddressPolicy.isPrivateHost(host))
    }

    @Test(arguments: [
        "93.184.216.34", "8.8.8.8", "172.32.0.1", "172.15.255.255", "192.169.0.1", "100.128.0.1", "2606:4700::1111",
        "::ffff:8.8.8.8", "example.org", "www.afghanistantimes.af",
    ])
    func publicHosts(host: String) {
        #expect(!AddressPolicy.isPrivateHost(host))
    }

    @Test func aSourceOnAPrivateNetworkIsAllowedItByDefaultAndAPublicOneIsNot() {
        var intranet = Source(name: "intranet", url: "http://10.1.2.3/feed")
        #expect(Source.Resolved(intranet, settings: .defaults).allowsPrivateAddresses)
        #expect(FetchRequest(source: Source.Resolved(intranet, settings: .defaults)).allowPrivate)
        intranet.allowPrivate = false
        #expect(!Source.Resolved(intranet, settings: .defaults).allowsPrivateAddresses)
        var public_ = Source(name: "news", url: "https://news.example.org/feed")
        #expect(!Source.Resolved(public_, settings: .defaults).allowsPrivateAddresses)
        #expect(!FetchRequest(source: Source.Resolved(public_, settings: .defaults)).allowPrivate)
        public_.allowPrivate = true
        #expect(Source.Resolved(public_, settings: .defaults).allowsPrivateAddresses)
    }

    @Test func aRefusedAddressIsNeverConnectedTo() async throws {
        let server = try TestHTTPServer()
        defer { server.stop() }
        server.route("/feed", .text("hello"))
        let fetcher = Fetcher(limits: FetchLimits(maxConnections: 4, maxPerHost: 2, hostDelay: 0), logger: Logger(sink: LogSink(style: .stream) { _ in }))
        defer { fetcher.shutdown(deadline: 1) }
        var request = FetchRequest(url: server.url("/feed"))
        request.allowPrivate = false
        let refused = await fetcher.fetch(request)
        guard case .failure(let error) = refused else {
            Issue.record("a private address was fetched")
            return
        }
        #expect(error.code == .addressRefused)
        #expect(error.message.contains("127.0.0.1"))
        #expect(error.message.contains("allow_private = yes"))
        #expect(server.requests.isEmpty)
        #expect(server.connectionCount == 0)
        request.allowPrivate = true
        let allowed = await fetcher.fetch(request)
        #expect((try? allowed.get())?.status == 200)
    }
}
