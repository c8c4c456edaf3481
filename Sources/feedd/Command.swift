/// One `feedd` subcommand. `run` returns the process exit code.
protocol Command: Sendable {
    static var name: String { get }
    /// One line for `feedd --help`.
    static var summary: String { get }
    /// Full text for `feedd NAME --help`.
    static var help: String { get }
    static func run(_ arguments: inout Arguments) throws -> Int32
}

/// Process exit codes, documented in the README.
enum ExitCode {
    static let success: Int32 = 0
    /// A runtime failure: the store or a fetch failed, damage found by `verify`.
    static let failure: Int32 = 1
    /// feeds.conf is invalid, or input is not what the command expects.
    static let invalidInput: Int32 = 2
    /// The store is locked by another running feedd.
    static let storeLocked: Int32 = 3
    /// Wrong command-line usage.
    static let usage: Int32 = 64
    /// The command did its work but had to skip some input (sysexits' EX_DATAERR).
    static let skippedInput: Int32 = 65
    /// What the command was asked to read does not exist (sysexits' EX_NOINPUT).
    static let noSuchSource: Int32 = 66
}
