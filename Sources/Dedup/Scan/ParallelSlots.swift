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
