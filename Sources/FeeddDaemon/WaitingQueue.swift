/// A first-in, first-out queue of source names without repeats: O(1) push and pop, so ten thousand
/// sources falling due together cost no quadratic shuffling.
struct WaitingQueue {
    private var items: [String] = []
    private var head = 0
    private var members: Set<String> = []

    var count: Int { items.count - head }

    /// Adds `name` unless it is already waiting.
    mutating func push(_ name: String) {
        guard members.insert(name).inserted else { return }
        items.append(name)
    }

    mutating func pop() -> String? {
        guard head < items.count else { return nil }
        let name = items[head]
        head += 1
        members.remove(name)
        if head > 1024, head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return name
    }
}
