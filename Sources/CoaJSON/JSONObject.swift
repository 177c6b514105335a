/// The members of a JSON object, in the order they were read or first inserted.
///
/// Assigning to an existing key replaces its value in place; assigning to a new key appends
/// it; assigning nil removes the key. Equality compares keys and values in order.
///
/// Small objects find a key by linear search; once an object has more than 16 members it
/// also keeps a hash index, so lookups stay constant time however large it grows. Removing
/// a member costs time in proportion to the member count, as removing from an array does.
/// Keys are told apart by their UTF-8 bytes, as in JSON and in Lua, not
/// by the canonical equivalence of Swift's `String` equality: "\u{E9}" and "e\u{301}" are
/// two different keys.
public struct JSONObject: Hashable, Sendable, Sequence {
  /// The keys, alone while the object is small, with a hash index once it is large.
  enum KeyStorage: Sendable {
    case list([String])
    case indexed(JSONKeyIndex)
  }

  /// The keys. One word wide, so that `JSONValue` stays as small as it was.
  private var storage = KeyStorage.list([])
  /// The values, parallel to `keys`.
  public private(set) var values: [JSONValue] = []

  /// The member count up to which lookups search linearly instead of keeping an index.
  static let linearSearchLimit = 16

  /// An empty object.
  public init() {}

  /// The members `keys` and `values` as read by the parser: for a key that occurs more than
  /// once, the last value wins at the position of the first occurrence.
  init(parsedKeys keys: [String], values: [JSONValue]) {
    if keys.count <= Self.linearSearchLimit {
      if !Self.hasDuplicates(keys) {
        storage = .list(keys)
        self.values = values
        return
      }
    } else {
      let index = JSONKeyIndex(keys: keys)
      if !index.hadDuplicates {
        storage = .indexed(index)
        self.values = values
        return
      }
    }
    for (key, value) in zip(keys, values) {
      self[key] = value
    }
  }

  /// The keys, in order.
  public var keys: [String] {
    switch storage {
    case .list(let keys): return keys
    case .indexed(let index): return index.keys
    }
  }

  /// The number of members.
  public var count: Int { values.count }

  /// True when the object has no members.
  public var isEmpty: Bool { values.isEmpty }

  /// The position of `key`, or nil.
  public func index(forKey key: String) -> Int? {
    switch storage {
    case .list(let keys): return keys.firstIndex { Self.sameKey($0, key) }
    case .indexed(let index): return index.position(of: key)
    }
  }

  /// The value stored under `key`; setting nil removes the member.
  public subscript(key: String) -> JSONValue? {
    get {
      guard let position = index(forKey: key) else { return nil }
      return values[position]
    }
    set {
      if let position = index(forKey: key) {
        if let newValue {
          values[position] = newValue
        } else {
          remove(at: position)
        }
      } else if let newValue {
        appendNew(key: key, value: newValue)
      }
    }
  }

  /// Appends a member without looking for an existing key; the caller knows it is new.
  ///
  /// Should the key be present after all, the object holds it twice: lookups find one of
  /// the two and removing by key removes that one.
  public mutating func appendNew(key: String, value: JSONValue) {
    values.append(value)
    switch storage {
    case .list(var keys):
      storage = .list([])
      keys.append(key)
      if keys.count > Self.linearSearchLimit {
        storage = .indexed(JSONKeyIndex(keys: keys))
      } else {
        storage = .list(keys)
      }
    case .indexed(var index):
      storage = .list([])
      if !isKnownUniquelyReferenced(&index) { index = index.copy() }
      index.append(key)
      storage = .indexed(index)
    }
  }

  /// Makes room for `minimumCapacity` members, to add members without reallocating.
  public mutating func reserveCapacity(_ minimumCapacity: Int) {
    values.reserveCapacity(minimumCapacity)
    guard case .list(var keys) = storage, minimumCapacity <= Self.linearSearchLimit else {
      return
    }
    storage = .list([])
    keys.reserveCapacity(minimumCapacity)
    storage = .list(keys)
  }

  /// Removes `key` and returns its value, or nil when it was absent.
  @discardableResult
  public mutating func removeValue(forKey key: String) -> JSONValue? {
    guard let position = index(forKey: key) else { return nil }
    return remove(at: position)
  }

  /// Iterates (key, value) pairs in order.
  public func makeIterator() -> Zip2Sequence<[String], [JSONValue]>.Iterator {
    zip(keys, values).makeIterator()
  }

  /// True when both objects have the same keys with equal values, in the same order.
  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    lhs.values == rhs.values && lhs.keys.elementsEqual(rhs.keys, by: sameKey)
  }

  /// Hashes the keys and values in order.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(keys)
    hasher.combine(values)
  }

  /// Removes the member at `position` and returns its value.
  @discardableResult
  private mutating func remove(at position: Int) -> JSONValue {
    switch storage {
    case .list(var keys):
      storage = .list([])
      keys.remove(at: position)
      storage = .list(keys)
    case .indexed(var index):
      storage = .list([])
      if values.count - 1 <= Self.linearSearchLimit / 2 {
        var keys = index.keys
        keys.remove(at: position)
        storage = .list(keys)
      } else {
        if !isKnownUniquelyReferenced(&index) { index = index.copy() }
        index.remove(at: position)
        storage = .indexed(index)
      }
    }
    return values.remove(at: position)
  }

  /// True when two of `keys` are equal; for the few keys of a small object.
  private static func hasDuplicates(_ keys: [String]) -> Bool {
    var position = 1
    while position < keys.count {
      let key = keys[position]
      for earlier in 0..<position where sameKey(keys[earlier], key) {
        return true
      }
      position += 1
    }
    return false
  }

  /// True when `lhs` and `rhs` have the same UTF-8 bytes.
  static func sameKey(_ lhs: String, _ rhs: String) -> Bool {
    lhs.hasSameUTF8(as: rhs)
  }
}
