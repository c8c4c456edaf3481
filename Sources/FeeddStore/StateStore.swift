import FeeddCore
import FeeddSystem
import Foundation

/// Per-source state (validators, schedule, error streak) in `state.json`, replaced atomically:
/// temporary file, fsync, rename, fsync of the directory. Derived and disposable: a missing or unreadable
/// file loads as empty, which only costs one unconditional fetch per source (the dedupe index keeps
/// that from storing anything twice). Save it after the records it describes are acknowledged.
package struct StateStore: Sendable {
    package let directory: String
    package var path: String { directory + "/state.json" }

    package init(directory: String) {
        self.directory = directory
    }

    package func load() -> [String: SourceState] {
        guard let data = FileManager.default.contents(atPath: path),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let sources = root["sources"] as? [String: [String: Any]]
        else { return [:] }
        var states: [String: SourceState] = [:]
        for (name, fields) in sources { states[name] = Self.decode(name: name, fields) }
        return states
    }

    package func save(_ states: [String: SourceState]) throws(StoreError) {
        var json = JSONWriter(capacity: 256 * states.count + 64)
        json.beginObject()
        json.field("version", 1)
        json.key("sources")
        json.beginObject()
        for name in states.keys.sorted() {
            json.key(name)
            Self.encode(states[name]!, into: &json)
        }
        json.endObject()
        json.endObject()
        do { try FileSystem.createDirectory(directory) } catch {
            throw StoreError.system("create", path: directory, error)
        }
        do { try FileSystem.writeAtomically(json.bytes + [0x0A], to: path) } catch {
            throw StoreError.system("save source state to", path: path, error)
        }
    }

    /// One source's state as a JSON object, the form state.json holds it in: what instances share in the
    /// `<prefix>-sources` bucket (membership = nats).
    package static func encoded(_ state: SourceState) -> [UInt8] {
        var json = JSONWriter(capacity: 256)
        encode(state, into: &json)
        return json.bytes
    }

    /// The state `encoded` wrote for `name`; nil when `bytes` are not such a JSON object.
    package static func decoded(name: String, _ bytes: [UInt8]) -> SourceState? {
        guard let fields = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return nil }
        return decode(name: name, fields)
    }

    private static func encode(_ state: SourceState, into json: inout JSONWriter) {
        json.beginObject()
        json.field("etag", state.etag)
        json.field("last_modified", state.lastModified)
        json.field("last_unconditional", state.lastUnconditional.map(RFC3339.format))
        json.field("effective_url", state.effectiveURL)
        json.field("pending_redirect", state.pendingRedirect)
        json.field("pending_redirect_count", state.pendingRedirectCount)
        json.field("error_streak", state.errorStreak)
        json.field("last_error", state.lastError)
        json.field("last_poll", state.lastPoll.map(RFC3339.format))
        json.field("last_status", state.lastStatus)
        json.field("last_success", state.lastSuccess.map(RFC3339.format))
        json.field("next_poll", state.nextPoll.map(RFC3339.format))
        json.field("disabled", state.disabled)
        json.field("config_hash", state.configHash)
        if let hint = state.feedHint { json.field("feed_hint", hint) }
        json.field("recent_publications", state.recentPublications.map(RFC3339.format))
        json.endObject()
    }

    private static func decode(name: String, _ fields: [String: Any]) -> SourceState {
        func string(_ key: String) -> String? { fields[key] as? String }
        func date(_ key: String) -> Date? { string(key).flatMap(RFC3339.parse) }
        func int(_ key: String) -> Int? { (fields[key] as? NSNumber)?.intValue }
        var state = SourceState(name: name)
        state.etag = string("etag")
        state.lastModified = string("last_modified")
        state.lastUnconditional = date("last_unconditional")
        state.effectiveURL = string("effective_url")
        state.pendingRedirect = string("pending_redirect")
        state.pendingRedirectCount = int("pending_redirect_count") ?? 0
        state.errorStreak = int("error_streak") ?? 0
        state.lastError = string("last_error")
        state.lastPoll = date("last_poll")
        state.lastStatus = int("last_status")
        state.lastSuccess = date("last_success")
        state.nextPoll = date("next_poll")
        state.disabled = fields["disabled"] as? Bool ?? false
        state.configHash = string("config_hash")
        state.feedHint = (fields["feed_hint"] as? NSNumber)?.doubleValue
        state.recentPublications = (fields["recent_publications"] as? [String] ?? []).compactMap(RFC3339.parse)
        return state
    }
}
