import Foundation

/// Files under `Tests/Fixtures/`, found relative to this source file so tests run from any directory.
package enum Fixtures {
    /// `Tests/Fixtures`, absolute.
    package static let root: String = {
        // This file is Tests/TestSupport/Fixtures.swift: two levels up is Tests/.
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }()

    /// The absolute path of `Tests/Fixtures/<relative>`.
    package static func path(_ relative: String) -> String { root + "/" + relative }

    package static func url(_ relative: String) -> URL { URL(fileURLWithPath: path(relative)) }

    /// The file's bytes; stops the test run with a clear message when the fixture is missing.
    package static func data(_ relative: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(relative)) else {
            fatalError("missing fixture Tests/Fixtures/\(relative)")
        }
        return [UInt8](data)
    }

    /// The file as UTF-8 text.
    package static func string(_ relative: String) -> String {
        String(decoding: data(relative), as: UTF8.self)
    }
}
