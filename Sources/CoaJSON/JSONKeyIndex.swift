/// The keys of a large `JSONObject` together with a hash table over them.
///
/// Every key gets a sequence number when it is appended. Numbers only grow, so the
/// sequence numbers of the keys, in order, ascend; until a key is removed from anywhere but
/// the end they equal the positions and are not stored at all. The table uses open
/// addressing with linear probing, at most half full; a slot holds 0 when empty, or the
/// upper 32 bits of the key's hash above its sequence number plus one. Removing a key thus
/// changes no other slot. Keys hash by their UTF-8 bytes with the standard library's
/// per-process seeded hasher, so crafted keys cannot make lookups slow.
///
/// It is a class so that `JSONObject` stays two words wide; `JSONObject` copies it before
/// mutating unless it holds the only reference, which is what makes `@unchecked Sendable`
/// sound: a shared instance is never mutated.
final class JSONKeyIndex: @unchecked Sendable {
  /// The keys, in order.
  private(set) var keys: [String]
  /// The sequence number of the key at each position, or nil while each equals its position.
  private var sequences: [UInt32]?
  /// The sequence number the next appended key gets.
  private var nextSequence: UInt32
  /// The slots; their count is a power of two.
  private var slots: UnsafeMutableBufferPointer<UInt64>
  /// True when `keys` held equal keys at initialization; lookups find the first of them.
  let hadDuplicates: Bool

  /// Indexes `keys`.
  init(keys: [String]) {
    // Built in locals: the class's own properties would cost an exclusivity check each.
    let slots = Self.allocateSlots(for: keys.count)
    let mask = slots.count - 1
    var hadDuplicates = false
    for position in keys.indices {
      let key = keys[position]
      let hash = Self.hash(key)
      var slot = Self.home(of: hash, mask)
      var isDuplicate = false
      while slots[slot] != 0 {
        let entry = slots[slot]
        // With no removals yet, sequence numbers are positions.
        if Self.tag(of: entry) == Self.tag(of: hash)
          && JSONObject.sameKey(keys[Int(Self.sequence(in: entry))], key)
        {
          isDuplicate = true
          break
        }
        slot = (slot + 1) & mask
      }
      if isDuplicate {
        hadDuplicates = true
      } else {
        slots[slot] = Self.entry(hash, UInt32(truncatingIfNeeded: position))
      }
    }
    self.keys = keys
    self.slots = slots
    self.hadDuplicates = hadDuplicates
    nextSequence = UInt32(truncatingIfNeeded: keys.count)
  }

  /// A copy that shares nothing mutable with `other`.
  private init(copying other: JSONKeyIndex) {
    keys = other.keys
    sequences = other.sequences
    nextSequence = other.nextSequence
    slots = UnsafeMutableBufferPointer.allocate(capacity: other.slots.count)
    _ = slots.initialize(fromContentsOf: other.slots)
    hadDuplicates = other.hadDuplicates
  }

  deinit {
    slots.deallocate()
  }

  /// A copy, for copy-on-write.
  func copy() -> JSONKeyIndex {
    JSONKeyIndex(copying: self)
  }

  /// The position of `key`, or nil.
  func position(of key: String) -> Int? {
    guard let slot = find(key, hash: Self.hash(key)) else { return nil }
    return position(ofSequence: Self.sequence(in: slots[slot]))
  }

  /// Appends `key`; should it be present already, lookups find one of the two.
  func append(_ key: String) {
    if nextSequence == UInt32.max - 1 {
      rebuild()
    }
    let sequence = nextSequence
    nextSequence += 1
    keys.append(key)
    sequences?.append(sequence)
    if keys.count * 2 > slots.count {
      grow()
    }
    Self.insert(Self.entry(Self.hash(key), sequence), into: slots)
  }

  /// Removes the key at `position`; the keys after it move one position down.
  func remove(at position: Int) {
    let sequence = sequences?[position] ?? UInt32(truncatingIfNeeded: position)
    if let slot = slot(holding: sequence, hash: Self.hash(keys[position])) {
      delete(slot: slot)
    }
    keys.remove(at: position)
    if sequences == nil && position == keys.count {
      // The last key: the others still have their positions as sequence numbers.
      nextSequence = sequence
    } else {
      if sequences == nil {
        sequences = Array(0...UInt32(truncatingIfNeeded: keys.count))
      }
      sequences?.remove(at: position)
    }
  }

  /// The position of the key with sequence number `sequence`.
  private func position(ofSequence sequence: UInt32) -> Int {
    guard let sequences else { return Int(sequence) }
    // A key never moves right, so its position is at most its sequence number.
    var high = min(Int(sequence), sequences.count - 1)
    if sequences[high] == sequence { return high }
    var low = 0
    while low < high {
      let middle = (low + high) / 2
      if sequences[middle] < sequence { low = middle + 1 } else { high = middle }
    }
    return low
  }

  /// The slot that holds `key`, whose hash is `hash`, or nil.
  private func find(_ key: String, hash: UInt64) -> Int? {
    let mask = slots.count - 1
    let tag = Self.tag(of: hash)
    var slot = Self.home(of: hash, mask)
    while true {
      let entry = slots[slot]
      if entry == 0 { return nil }
      if Self.tag(of: entry) == tag
        && JSONObject.sameKey(keys[position(ofSequence: Self.sequence(in: entry))], key)
      {
        return slot
      }
      slot = (slot + 1) & mask
    }
  }

  /// The slot whose entry has sequence number `sequence`, where the key has hash `hash`.
  ///
  /// Finding the entry by sequence number rather than by key keeps the table consistent
  /// even when `JSONObject.appendNew` was given a key that was already present.
  private func slot(holding sequence: UInt32, hash: UInt64) -> Int? {
    let mask = slots.count - 1
    var slot = Self.home(of: hash, mask)
    while slots[slot] != 0 {
      if Self.sequence(in: slots[slot]) == sequence { return slot }
      slot = (slot + 1) & mask
    }
    return nil
  }

  /// Empties `slot`, moving back the entries after it that would otherwise become
  /// unreachable, so that no tombstones are needed.
  private func delete(slot deleted: Int) {
    let mask = slots.count - 1
    var hole = deleted
    var slot = (hole + 1) & mask
    while slots[slot] != 0 {
      // An entry can fill the hole when the hole lies cyclically between the entry's home
      // slot and the slot it is in.
      let home = Self.home(of: slots[slot], mask)
      if (slot &- home) & mask >= (slot &- hole) & mask {
        slots[hole] = slots[slot]
        hole = slot
      }
      slot = (slot + 1) & mask
    }
    slots[hole] = 0
  }

  /// Doubles the number of slots.
  private func grow() {
    let old = slots
    slots = Self.allocateSlots(for: old.count)
    for entry in old where entry != 0 {
      Self.insert(entry, into: slots)
    }
    old.deallocate()
  }

  /// Numbers the keys afresh from zero, for when sequence numbers run out.
  private func rebuild() {
    let fresh = JSONKeyIndex(keys: keys)
    swap(&slots, &fresh.slots)
    sequences = nil
    nextSequence = fresh.nextSequence
  }

  /// Stores `entry` in the first free slot from its home on.
  private static func insert(_ entry: UInt64, into slots: UnsafeMutableBufferPointer<UInt64>) {
    let mask = slots.count - 1
    var slot = home(of: entry, mask)
    while slots[slot] != 0 {
      slot = (slot + 1) & mask
    }
    slots[slot] = entry
  }

  /// Zeroed slots for at least `count` entries at most half full.
  private static func allocateSlots(for count: Int) -> UnsafeMutableBufferPointer<UInt64> {
    var capacity = 16
    while capacity < count * 2 { capacity *= 2 }
    let slots = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: capacity)
    slots.initialize(repeating: 0)
    return slots
  }

  /// The upper 32 bits of an entry or hash, which entries keep of their key's hash.
  @inline(__always)
  private static func tag(of entryOrHash: UInt64) -> UInt64 {
    entryOrHash & 0xFFFF_FFFF_0000_0000
  }

  /// The slot entry for a key with hash `hash` and sequence number `sequence`.
  @inline(__always)
  private static func entry(_ hash: UInt64, _ sequence: UInt32) -> UInt64 {
    tag(of: hash) | UInt64(sequence + 1)
  }

  /// The slot where an entry or hash (whose upper 32 bits are the same) would go first.
  @inline(__always)
  private static func home(of entryOrHash: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: entryOrHash >> 32) & mask
  }

  /// The sequence number of an occupied slot's entry.
  @inline(__always)
  private static func sequence(in entry: UInt64) -> UInt32 {
    UInt32(truncatingIfNeeded: entry) &- 1
  }

  /// The seeded hash of the UTF-8 bytes of `key`.
  private static func hash(_ key: String) -> UInt64 {
    var hasher = Hasher()
    var key = key
    key.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    return UInt64(bitPattern: Int64(hasher.finalize()))
  }
}
