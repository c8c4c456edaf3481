import FeeddCore
import Foundation

/// What a reload of feeds.conf changes, source by source, decided from the running configuration, the new one
/// and the sources' state alone. The daemon applies it: unschedules, schedules and replaces state.
package struct ConfigChange: Sendable {
    /// Sources only the new configuration has.
    package var added: [Source] = []
    /// Sources only the running configuration has.
    package var removed: [Source] = []
    /// Changed sources whose fetch changed (url, type, proxy, headers): their state starts afresh
    /// (validators, a move, a 410 no longer apply) and they are polled soon.
    package var refetched: [Source] = []
    /// Changed sources fetched as before (interval, tags, selectors…): state kept, next poll no later than
    /// one new interval away.
    package var retimed: [Source] = []

    package var changed: Int { refetched.count + retimed.count }

    package init(from old: Config, to new: Config, states: [String: SourceState]) {
        let before = Dictionary(old.sources.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Set(new.sources.map(\.name))
        removed = old.sources.filter { !after.contains($0.name) }
        for source in new.sources {
            guard let previous = before[source.name] else {
                added.append(source)
                continue
            }
            guard !Self.sameSettings(previous, source) else { continue }
            if states[source.name]?.configHash != Self.fetchHash(source) {
                refetched.append(source)
            } else {
                retimed.append(source)
            }
        }
    }

    /// Changed sources, refetched or retimed, in feeds.conf order.
    package var changedSources: [Source] { (refetched + retimed).sorted { $0.line < $1.line } }

    /// Whether two versions of a source are configured alike. Their `line` (where the section starts in
    /// feeds.conf) is left out: a line added above a source moves it without changing it.
    package static func sameSettings(_ old: Source, _ new: Source) -> Bool {
        var moved = old
        moved.line = new.line
        return moved == new
    }

    /// Names for a log field: the first `limit`, then how many more; nil (the field left out) when none.
    package static func names(_ sources: [Source], limit: Int = 10) -> String? {
        guard !sources.isEmpty else { return nil }
        var text = sources.prefix(limit).map(\.name).joined(separator: ",")
        if sources.count > limit { text += ",+\(sources.count - limit) more" }
        return text
    }

    /// What a source fetches, as a hash stored in its state: a change re-enables a source disabled by 410
    /// Gone and drops its validators.
    package static func fetchHash(_ source: Source) -> String {
        let parts = [source.url, source.type.rawValue, source.proxy ?? ""] + source.headers.map { "\($0.name):\($0.value)" }
        return Fingerprint.hex(StableHash.hash64(parts.joined(separator: "\n")))
    }
}
