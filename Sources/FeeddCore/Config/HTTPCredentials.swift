import Foundation

/// A source's HTTP user name and password (`username`, `password_file`), sent as Basic authentication.
/// The password is read from its file when feeds.conf is loaded and never written anywhere: the description
/// and the mirror show only the user name, so a logged or dumped value cannot leak it.
package struct HTTPCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    package var username: String
    package var password: String

    package init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// The `Authorization` header's value (RFC 7617: `user:password`, UTF-8, base64).
    package var basicAuthorization: String { "Basic " + Data("\(username):\(password)".utf8).base64EncodedString() }

    package var description: String { "\(username):<redacted>" }
    package var debugDescription: String { description }
    package var customMirror: Mirror { Mirror(self, children: ["username": username]) }

    /// The password in `file`: its first line, without the line end (so `echo secret > file` works).
    package static func password(fromFile file: String) -> Result<String, PasswordFileError> {
        guard let data = FileManager.default.contents(atPath: file) else {
            return .failure(
                PasswordFileError(
                    FileManager.default.fileExists(atPath: file)
                        ? "password_file \"\(file)\" cannot be read (check its permissions)"
                        : "password_file \"\(file)\" does not exist"))
        }
        // Bytes, not Characters: "\r\n" is one Character and would hide the line end.
        var line = data.prefix { $0 != 0x0A }
        if line.last == 0x0D { line = line.dropLast() }
        guard !line.isEmpty else { return .failure(PasswordFileError("password_file \"\(file)\" has an empty first line")) }
        return .success(String(decoding: line, as: UTF8.self))
    }
}

package struct PasswordFileError: Error, Sendable {
    package var message: String
    init(_ message: String) { self.message = message }
}
