import FeeddCore

/// Articles decided as stored whose journal append has not answered yet, by reservation, with a small
/// index of their own that decisions consult after the main one. It holds at most the polls in flight,
/// so it is rebuilt from scratch whenever one of them resolves.
struct PendingArticles {
    private var reservations: [(ticket: UInt64, entries: [(Article, TextDigest)])] = []
    private(set) var state: DedupeState?
    private var lastTicket: UInt64 = 0
    let settings: DedupeSettings

    init(settings: DedupeSettings) { self.settings = settings }

    /// The verdict of the pending articles (`.new` when none matches).
    mutating func check(_ article: Article, digest: TextDigest) -> DedupeDecision {
        guard state != nil else { return .new }
        return state!.check(article, digest: digest)
    }

    /// Makes `article` visible to later decisions under reservation `ticket`.
    mutating func add(_ article: Article, digest: TextDigest, ticket: UInt64) {
        if state == nil { state = .small(settings: settings) }
        state!.insert(article, digest: digest)
        if let last = reservations.indices.last, reservations[last].ticket == ticket {
            reservations[last].entries.append((article, digest))
        } else {
            reservations.append((ticket, [(article, digest)]))
        }
    }

    mutating func newTicket() -> UInt64 {
        lastTicket += 1
        return lastTicket
    }

    /// Takes the reservation's articles out (nil if it held none, or was resolved already).
    mutating func remove(_ ticket: UInt64) -> [(Article, TextDigest)]? {
        guard let index = reservations.firstIndex(where: { $0.ticket == ticket }) else { return nil }
        let entries = reservations.remove(at: index).entries
        if reservations.isEmpty {
            state = nil
        } else {
            var fresh = DedupeState.small(settings: settings)
            for reservation in reservations {
                for (article, digest) in reservation.entries { fresh.insert(article, digest: digest) }
            }
            state = fresh
        }
        return entries
    }

    var count: Int { reservations.reduce(0) { $0 + $1.entries.count } }
}

extension PendingArticles {
    /// Takes the articles with these ids out of reservation `ticket` (they will not be stored after all).
    /// Returns whether the reservation still holds any article.
    mutating func withdraw(_ ids: Set<String>, from ticket: UInt64) -> Bool {
        guard let entries = remove(ticket) else { return false }
        let kept = entries.filter { !ids.contains($0.0.id) }
        for (article, digest) in kept { add(article, digest: digest, ticket: ticket) }
        return !kept.isEmpty
    }
}
