import Foundation

/// Command output: results on stdout, diagnostics on stderr.
enum Output {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
