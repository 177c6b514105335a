/// A growable stack whose top elements can be taken off as an array.
///
/// `JSONReader` keeps the elements of unfinished containers here; when a container closes
/// its elements move into an array of exactly their count, so every array the parser
/// builds is allocated once and no element is retained or released on the way.
struct JSONStack<Element>: ~Copyable {
  /// The storage, `capacity` elements of which the first `count` are initialized.
  private var base: UnsafeMutablePointer<Element>
  /// The number of elements on the stack.
  private(set) var count = 0
  /// The number of elements `base` has room for.
  private var capacity: Int

  /// An empty stack with room for `capacity` elements.
  init(capacity: Int) {
    self.capacity = max(capacity, 1)
    base = UnsafeMutablePointer.allocate(capacity: self.capacity)
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }

  /// Pushes `element`.
  @inline(__always)
  mutating func push(_ element: consuming Element) {
    if count == capacity { grow() }
    (base + count).initialize(to: element)
    count += 1
  }

  /// Removes the elements from position `start` to the top and returns them in a new
  /// array, in order.
  ///
  /// Appending to a reserved array stays in specialized code; `init(unsafeUninitializedCapacity:)`
  /// would call an unspecialized allocator that looks up type metadata on every call.
  mutating func popArray(from start: Int) -> [Element] {
    let taken = count - start
    var elements: [Element] = []
    elements.reserveCapacity(taken)
    for position in start..<count {
      elements.append((base + position).move())
    }
    count = start
    return elements
  }

  /// Doubles the capacity.
  private mutating func grow() {
    let newCapacity = capacity * 2
    let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
    newBase.moveInitialize(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }
}
