// Watching a bucket: membership needs to learn of other instances' changes as they happen, and libnats
// offers only a pulled watcher, so the pulling happens here on a thread of its own.
import CNats
import Dispatch
import Foundation
import Synchronization

/// One change a watch reports.
package enum KeyValueEvent: Sendable, Equatable {
    /// The key holds a new value (or held it when the watch started).
    case put(KeyValueEntry)
    /// The key was deleted or purged.
    case deleted(key: String, revision: UInt64)
    /// Every value the bucket held when the watch started has been reported; what follows is live.
    case caughtUp
    /// The watch ended on its own (its connection was closed); open a new one to go on.
    case ended(reason: String)
}

/// A running watch of a bucket. libnats's watcher is pulled (`kvWatcher_Next`), so each watch has a thread of
/// its own that pulls and calls the handler; `stop()` (or dropping the value) ends it and waits for the thread,
/// unless called from the handler itself.
package final class KeyValueWatch: Sendable {
    private let state: State

    init(bucket: KeyValueBucket, watcher: OpaquePointer, handler: @escaping @Sendable (KeyValueEvent) -> Void) {
        state = State(bucket: bucket, watcher: watcher, handler: handler)
        let thread = Thread { [state] in state.run() }
        thread.name = "feedd.kv-watch"
        thread.start()
    }

    deinit {
        state.stop()
    }

    /// Ends the watch: no handler call starts after this returns (except when called from the handler).
    package func stop() {
        state.stop()
    }

    private final class State: @unchecked Sendable {
        let bucket: KeyValueBucket
        let handler: @Sendable (KeyValueEvent) -> Void
        /// The `kvWatcher *` while it exists; the thread destroys it when it ends, under this lock.
        private let watcher: Mutex<Watcher>
        private let finished = DispatchSemaphore(value: 0)
        /// Cuts short the pause between failed pulls when the watch is stopped.
        private let wake = DispatchSemaphore(value: 0)

        struct Watcher: @unchecked Sendable {
            var pointer: OpaquePointer?
            var stopping = false
            var thread: pthread_t?
        }

        init(bucket: KeyValueBucket, watcher: OpaquePointer, handler: @escaping @Sendable (KeyValueEvent) -> Void) {
            self.bucket = bucket
            self.handler = handler
            self.watcher = Mutex(Watcher(pointer: watcher))
        }

        func run() {
            let pointer: OpaquePointer? = watcher.withLock {
                $0.thread = pthread_self()
                return $0.pointer
            }
            guard let pointer else { return finish(reason: "", report: false) }
            while true {
                var entry: OpaquePointer?
                let status = kvWatcher_Next(&entry, pointer, 1_000)
                if watcher.withLock({ $0.stopping }) {
                    if let entry { kvEntry_Destroy(entry) }
                    return finish(reason: "", report: false)
                }
                if status == NATS_OK {
                    guard let entry else {
                        handler(.caughtUp)
                        continue
                    }
                    let event: KeyValueEvent =
                        switch kvEntry_Operation(entry) {
                        case kvOp_Delete, kvOp_Purge:
                            .deleted(
                                key: kvEntry_Key(entry).map { String(cString: $0) } ?? "", revision: kvEntry_Revision(entry))
                        default: .put(KeyValueBucket.entry(entry))
                        }
                    kvEntry_Destroy(entry)
                    handler(event)
                    continue
                }
                if status == NATS_TIMEOUT { continue }
                let reason = NATSLibrary.describe(status)
                if status == NATS_CONNECTION_CLOSED || status == NATS_INVALID_SUBSCRIPTION
                    || status == NATS_ILLEGAL_STATE
                {
                    return finish(reason: "bucket \(bucket.name): the watch ended: \(reason)", report: true)
                }
                // Anything else (the connection is down): try again after a second, so an outage does not spin.
                _ = wake.wait(timeout: .now() + 1)
            }
        }

        /// Destroys the watcher (once) and lets `stop()` return.
        private func finish(reason: String, report: Bool) {
            let stopping = watcher.withLock { state -> Bool in
                if let pointer = state.pointer { kvWatcher_Destroy(pointer) }
                state.pointer = nil
                return state.stopping
            }
            if report && !stopping { handler(.ended(reason: reason)) }
            finished.signal()
        }

        func stop() {
            let wait = watcher.withLock { state -> Bool in
                guard !state.stopping else { return false }
                state.stopping = true
                if let pointer = state.pointer { kvWatcher_Stop(pointer) }
                guard let thread = state.thread else { return state.pointer != nil }
                return pthread_equal(thread, pthread_self()) == 0 && state.pointer != nil
            }
            wake.signal()
            if wait {
                finished.wait()
                finished.signal()
            }
        }
    }
}
