/// One place where the store is damaged: the file, the byte offset, the line number (1-based) and the seq
/// when known, and what is wrong.
package struct StoreDamage: Sendable, Equatable, CustomStringConvertible {
    package var file: String
    package var offset: Int64?
    package var line: Int?
    package var seq: UInt64?
    package var problem: String

    package init(file: String, offset: Int64? = nil, line: Int? = nil, seq: UInt64? = nil, problem: String) {
        self.file = file
        self.offset = offset
        self.line = line
        self.seq = seq
        self.problem = problem
    }

    package var description: String {
        var place = file
        if let line { place += ":\(line)" }
        var details: [String] = []
        if let offset { details.append("offset \(offset)") }
        if let seq { details.append("seq \(seq)") }
        return place + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")") + ": " + problem
    }
}
