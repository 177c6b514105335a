/// Byte classification shared by the reader and the writer, eight bytes at a time.
enum JSONScan {
  /// 0x01 in every byte.
  static var ones: UInt64 { 0x0101_0101_0101_0101 }
  /// 0x80 in every byte.
  static var highBits: UInt64 { 0x8080_8080_8080_8080 }

  /// True when one of the eight bytes of `word` is a quote, a backslash or a control
  /// character (below 0x20): the bytes that end a plain run of string text.
  ///
  /// Exact for the word as a whole: each test sets the high bit of a byte that matches, and
  /// otherwise only, through a borrow, of a byte above one that matches.
  @inline(__always)
  static func hasStringSpecial(_ word: UInt64) -> Bool {
    let quote = word ^ (ones &* 0x22)
    let backslash = word ^ (ones &* 0x5C)
    let zeroInQuote = (quote &- ones) & ~quote
    let zeroInBackslash = (backslash &- ones) & ~backslash
    let control = (word &- ones &* 0x20) & ~word
    return (zeroInQuote | zeroInBackslash | control) & highBits != 0
  }

  /// Loads eight bytes from `pointer`, which need not be aligned.
  @inline(__always)
  static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
    UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)
  }

  /// Stores the eight bytes of `word` at `pointer`, which need not be aligned.
  @inline(__always)
  static func store(_ word: UInt64, _ pointer: UnsafeMutablePointer<UInt8>) {
    UnsafeMutableRawPointer(pointer).storeBytes(of: word, as: UInt64.self)
  }

  /// True when `bytes` are well-formed UTF-8: no stray continuation bytes, no overlong
  /// forms, no surrogates, nothing above U+10FFFF, no truncated sequence.
  static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let end = bytes.count
    var position = 0
    while position < end {
      let lead = bytes[position]
      if lead < 0x80 {
        position += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0: (length, low) = (3, 0xA0)
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED: (length, high) = (3, 0x9F)
      case 0xF0: (length, low) = (4, 0x90)
      case 0xF1...0xF3: length = 4
      case 0xF4: (length, high) = (4, 0x8F)
      default: return false
      }
      guard end - position >= length else { return false }
      let second = bytes[position + 1]
      guard second >= low && second <= high else { return false }
      for next in position + 2..<position + length where bytes[next] & 0xC0 != 0x80 {
        return false
      }
      position += length
    }
    return true
  }
}

extension String {
  /// The string of `bytes` when they are well-formed UTF-8, else nil: what
  /// `String(validating:as:)` gives, without the cost of its generic code.
  public init?(validUTF8 bytes: UnsafeBufferPointer<UInt8>) {
    guard JSONScan.isValidUTF8(bytes) else { return nil }
    self = String(decoding: bytes, as: UTF8.self)
  }
}

extension String {
  /// True when the string and `other` have the same UTF-8 bytes: equality as JSON and Lua
  /// see it, unlike `==`, which holds for canonically equivalent spellings.
  public func hasSameUTF8(as other: String) -> Bool {
    // The byte counts first: constant time for native strings, and most strings differ there.
    guard utf8.count == other.utf8.count else { return false }
    // Native and small strings have contiguous bytes: compare those a word at a time
    // instead of walking both views.
    let same = utf8.withContiguousStorageIfAvailable { left in
      other.utf8.withContiguousStorageIfAvailable { right in JSONScan.sameBytes(left, right) }
    }
    if let same, let same { return same }
    return utf8.elementsEqual(other.utf8)
  }
}

extension JSONScan {
  /// True when `lhs` and `rhs`, of the same count, hold the same bytes.
  static func sameBytes(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    guard let left = lhs.baseAddress, let right = rhs.baseAddress else { return true }
    let count = lhs.count
    var offset = 0
    while offset + 8 <= count {
      if load(left + offset) != load(right + offset) { return false }
      offset += 8
    }
    while offset < count {
      if left[offset] != right[offset] { return false }
      offset += 1
    }
    return true
  }
}
