// The natives' fast paths work on bytes: iterating `String.UTF8View` element by element is
// several times slower than scanning a string's contiguous bytes.

extension StringProtocol {
  /// Calls `body` with the text's UTF-8 bytes, contiguous: native strings hand theirs over,
  /// others are copied.
  func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(utf8).withUnsafeBufferPointer(body)
  }

  /// True when the text is all ASCII.
  var isASCIIOnly: Bool {
    withUTF8Bytes { bytes in
      guard let start = bytes.baseAddress else { return true }
      var high: UInt64 = 0
      var offset = 0
      // Eight bytes at a time: or-ing the words keeps any byte's high bit.
      while offset + 8 <= bytes.count {
        high |= UnsafeRawPointer(start + offset).loadUnaligned(as: UInt64.self)
        offset += 8
      }
      while offset < bytes.count {
        high |= UInt64(start[offset])
        offset += 1
      }
      return high & 0x8080_8080_8080_8080 == 0
    }
  }
}
