import Foundation

/// gzip compression for test bodies, by running the system's `gzip` (a real encoder, so a small
/// compressed body can expand to many megabytes like a real "gzip bomb").
package enum Gzip {
    package static func compress(_ bytes: [UInt8]) -> [UInt8] {
        // Input goes through a file so a large body cannot deadlock against gzip's output pipe.
        let input = FileManager.default.temporaryDirectory
            .appendingPathComponent("feedd-gzip-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: input) }
        guard FileManager.default.createFile(atPath: input, contents: Data(bytes)) else {
            fatalError("cannot write \(input) for gzip")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", "-n", input]
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            fatalError("cannot run /bin/gzip: \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { fatalError("/bin/gzip exited \(process.terminationStatus)") }
        return [UInt8](data)
    }
}
