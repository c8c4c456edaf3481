import FeeddCore
import Foundation

/// Where a command finds feeds.conf: `--config PATH`, else `./feeds.conf` if present, else `/etc/feedd/feeds.conf`.
enum ConfigLocation {
    static let systemPath = "/etc/feedd/feeds.conf"

    static func path(_ arguments: inout Arguments) throws(UsageError) -> String {
        if let explicit = try arguments.option("config") { return explicit }
        return defaultPath()
    }

    static func defaultPath() -> String {
        FileManager.default.fileExists(atPath: "feeds.conf") ? "feeds.conf" : systemPath
    }

    static func load(_ arguments: inout Arguments) throws -> Config {
        try ConfigParser.load(path: try path(&arguments))
    }

    /// The store directory: `--store DIR`, or the `store` of the config.
    static func storeDirectory(_ arguments: inout Arguments) throws -> String {
        if let store = try arguments.option("store") { return store }
        return try load(&arguments).settings.store
    }
}
