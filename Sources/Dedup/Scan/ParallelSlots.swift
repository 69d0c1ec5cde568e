import Dispatch
import Foundation

/// Fixed slots that concurrent workers fill at distinct indices.
///
/// Each index is written by exactly one worker and read only after all workers finished, so the raw storage needs
/// no lock; it is raw memory so that concurrent writes to distinct indices do not trip Swift's exclusivity checks,
/// as writes into one array would.
final class ParallelSlots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Value?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    subscript(index: Int) -> Value? {
        get { storage[index] }
        set { storage[index] = newValue }
    }

    var values: [Value?] { (0..<count).map { storage[$0] } }
}

extension ParallelSlots {
    /// Maps `items` on up to `threads` threads, each with its own working state made by `makeState` and handed to
    /// `finish` when the thread is done (to keep it for a later map); the results are in item order whatever the
    /// threads.
    static func map<Item: Sendable, State>(
        _ items: [Item], threads: Int, state makeState: () -> State, finish: (State) -> Void = { _ in },
        _ body: (Item, inout State) -> Value
    ) -> [Value] {
        let workers = Swift.max(1, Swift.min(threads, items.count))
        let results = ParallelSlots<Value>(count: items.count)
        withoutActuallyEscaping(makeState) { makeState in
            withoutActuallyEscaping(finish) { finish in
                withoutActuallyEscaping(body) { body in
                    let shared = UncheckedSendableClosures(makeState: makeState, finish: finish, body: body)
                    DispatchQueue.concurrentPerform(iterations: workers) { worker in
                        var state = shared.makeState()
                        var index = worker
                        while index < items.count {
                            results[index] = shared.body(items[index], &state)
                            index += workers
                        }
                        shared.finish(state)
                    }
                }
            }
        }
        return results.values.map { $0! }
    }
}

/// Non-escaping closures over thread-confined state, shared with the worker threads of one parallel map.
private struct UncheckedSendableClosures<Item, State, Value>: @unchecked Sendable {
    let makeState: () -> State
    let finish: (State) -> Void
    let body: (Item, inout State) -> Value
}

/// Working states kept between parallel maps: a map's thread takes one (or makes one when none is idle) and gives
/// it back when done, so that buffers grown for earlier batches, and what they remember, serve the next ones.
/// At most as many states exist as maps' threads ever ran at once.
final class StatePool<State>: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [State] = []

    /// An empty pool.
    init() {}

    /// An idle state, or nil when there is none.
    func take() -> State? {
        lock.withLock { idle.popLast() }
    }

    /// Keeps `state` for a later ``take()``.
    func give(_ state: State) {
        lock.withLock { idle.append(state) }
    }
}
