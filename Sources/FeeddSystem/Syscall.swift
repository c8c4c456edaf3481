import Glibc

/// Runs a system call, retrying on `EINTR`, and turns `-1` into the `Errno` read immediately after the call,
/// before anything else can clobber it. Every wrapper in FeeddSystem goes through here.
@inline(__always)
package func syscall<Result: FixedWidthInteger>(_ body: () -> Result) throws(Errno) -> Result {
    while true {
        let result = body()
        if result != -1 { return result }
        let error = Errno.current
        if error.rawValue == EINTR { continue }
        throw error
    }
}
