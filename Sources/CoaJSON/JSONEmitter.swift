/// The output buffer and nesting state of one write.
///
/// The output grows in a buffer of its own, so that appending a byte is a capacity check
/// and a store, without the uniqueness check of an array; `finish()` copies it out once.
struct JSONEmitter: ~Copyable {
  /// The output, `capacity` bytes of which the first `count` are written.
  private(set) var base: UnsafeMutablePointer<UInt8>
  /// The number of bytes written.
  var count = 0
  /// The size of `base`.
  private var capacity: Int
  /// Whether to indent.
  let pretty: Bool
  /// The current indentation, in spaces.
  private var indentation = 0

  /// An emitter with an empty output.
  init(pretty: Bool) {
    self.pretty = pretty
    capacity = 4096
    base = UnsafeMutablePointer.allocate(capacity: capacity)
  }

  deinit {
    base.deallocate()
  }

  /// The bytes written.
  consuming func finish() -> [UInt8] {
    Array(UnsafeBufferPointer(start: base, count: count))
  }

  /// Appends `value`.
  mutating func emit(_ value: JSONValue) {
    switch value {
    case .null: emitASCII("null")
    case .bool(let flag): emitASCII(flag ? "true" : "false")
    case .int(let integer): emitInteger(integer)
    case .double(let number): emitDouble(number)
    case .bigInt(let digits): emitString(digits, quoted: false)
    case .string(let text): emitString(text, quoted: true)
    case .bytes(let bytes): bytes.withUnsafeBufferPointer { emitQuoted($0) }
    case .array(let elements): emitArray(elements)
    case .object(let members): emitObject(members)
    }
  }

  /// Appends an array.
  private mutating func emitArray(_ elements: [JSONValue]) {
    guard !elements.isEmpty else {
      emitASCII("[]")
      return
    }
    append(UInt8(ascii: "["))
    indentation += 2
    for position in elements.indices {
      if position > 0 { append(UInt8(ascii: ",")) }
      if pretty { emitNewline() }
      emit(elements[position])
    }
    indentation -= 2
    if pretty { emitNewline() }
    append(UInt8(ascii: "]"))
  }

  /// Appends an object, members in order.
  private mutating func emitObject(_ members: JSONObject) {
    guard !members.isEmpty else {
      emitASCII("{}")
      return
    }
    append(UInt8(ascii: "{"))
    indentation += 2
    let keys = members.keys
    let values = members.values
    for position in keys.indices {
      if position > 0 { append(UInt8(ascii: ",")) }
      if pretty { emitNewline() }
      emitString(keys[position], quoted: true)
      append(UInt8(ascii: ":"))
      if pretty { append(UInt8(ascii: " ")) }
      emit(values[position])
    }
    indentation -= 2
    if pretty { emitNewline() }
    append(UInt8(ascii: "}"))
  }

  /// Appends a line feed and the current indentation.
  private mutating func emitNewline() {
    reserve(1 + indentation)
    base[count] = UInt8(ascii: "\n")
    (base + count + 1).initialize(repeating: UInt8(ascii: " "), count: indentation)
    count += 1 + indentation
  }

  /// Appends the bytes of `text`, which is ASCII.
  mutating func emitASCII(_ text: StaticString) {
    append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// Appends `byte`.
  @inline(__always)
  mutating func append(_ byte: UInt8) {
    reserve(1)
    base[count] = byte
    count += 1
  }

  /// Appends `bytes`.
  @inline(__always)
  mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let source = bytes.baseAddress else { return }
    reserve(bytes.count)
    (base + count).update(from: source, count: bytes.count)
    count += bytes.count
  }

  /// Runs `body` on room for at least `room` more bytes; it returns how many it wrote.
  @inline(__always)
  mutating func write(room: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
    reserve(room)
    count += body(base + count)
  }

  /// Makes room for `extra` more bytes.
  @inline(__always)
  mutating func reserve(_ extra: Int) {
    if capacity - count < extra { grow(extra) }
  }

  /// Grows the buffer to hold at least `extra` more bytes.
  private mutating func grow(_ extra: Int) {
    var newCapacity = capacity * 2
    while newCapacity - count < extra { newCapacity *= 2 }
    let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
    newBase.update(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }
}
