import Glibc

/// An inotify instance: the kernel tells us when files change, so followers wait without polling.
/// The corresponding C functions are `inotify_init1`, `inotify_add_watch` and `read`. Owns its descriptor.
package final class Inotify: @unchecked Sendable {  // the descriptor is immutable; reads happen on one thread
    package struct Event: Sendable {
        package var watch: Int32
        package var mask: UInt32
        package var name: String
    }

    package static let modify = UInt32(IN_MODIFY)
    package static let create = UInt32(IN_CREATE)
    package static let movedTo = UInt32(IN_MOVED_TO)
    package static let closeWrite = UInt32(IN_CLOSE_WRITE)
    package static let delete = UInt32(IN_DELETE)

    package let descriptor: Int32

    package init() throws(Errno) {
        descriptor = try syscall { inotify_init1(Int32(IN_CLOEXEC)) }
    }

    deinit { Glibc.close(descriptor) }

    @discardableResult
    package func addWatch(_ path: String, mask: UInt32) throws(Errno) -> Int32 {
        try syscall { inotify_add_watch(descriptor, path, mask) }
    }

    /// Blocks until at least one event arrives (or `timeout` milliseconds pass, -1 for none) and returns the events.
    package func wait(timeout: Int32 = -1) throws(Errno) -> [Event] {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = try syscall { poll(&poller, 1, timeout) }
        if ready == 0 { return [] }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = try buffer.withUnsafeMutableBytes { raw in
            Result { () throws(Errno) in try syscall { Glibc.read(descriptor, raw.baseAddress, raw.count) } }
        }.get()
        var events: [Event] = []
        var offset = 0
        let headerSize = MemoryLayout<inotify_event>.size
        while offset + headerSize <= count {
            let (watch, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                return (event.wd, event.mask, Int(event.len))
            }
            var name = ""
            if length > 0 {
                let start = offset + headerSize
                let bytes = buffer[start..<min(start + length, count)].prefix { $0 != 0 }
                name = String(decoding: bytes, as: UTF8.self)
            }
            events.append(Event(watch: watch, mask: mask, name: name))
            offset += headerSize + length
        }
        return events
    }
}
