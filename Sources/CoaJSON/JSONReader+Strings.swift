extension JSONReader {
  /// Reads a string value; the read position is at its opening quote.
  ///
  /// Returns `.string`, or `.bytes` with the unescaped bytes when its raw bytes are not
  /// valid UTF-8.
  mutating func readString() throws(JSONParseError) -> JSONValue {
    let quote = offset
    let count = input.count
    var position = quote + 1
    var highBits: UInt64 = 0
    if let base = input.baseAddress {
      while position + 8 <= count {
        let word = JSONScan.load(base + position)
        if JSONScan.hasStringSpecial(word) { break }
        highBits |= word
        position += 8
      }
    }
    while position < count {
      let byte = input[position]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
      highBits |= UInt64(byte)
      position += 1
    }
    guard position < count else { throw failure("unterminated string", at: quote) }
    let stop = input[position]
    if stop == UInt8(ascii: "\"") {
      offset = position + 1
      return Self.decode(UnsafeBufferPointer(rebasing: input[quote + 1..<position]), highBits)
    }
    if stop < 0x20 {
      throw failure("unescaped control character in string", at: position)
    }
    return try readEscapedString(quote: quote, firstEscape: position, highBits: highBits)
  }

  /// Reads an object key; the read position is at its opening quote.
  mutating func readKey() throws(JSONParseError) -> String {
    let quote = offset
    guard case .string(let key) = try readString() else {
      throw failure("invalid UTF-8 in object key", at: quote)
    }
    return key
  }

  /// `bytes` as `.string` when they are valid UTF-8, else as `.bytes`. `highBits` is the
  /// bitwise or of the raw bytes that did not come from escapes, a byte or eight at a time;
  /// escapes always produce valid UTF-8, so when no byte of it has its high bit set the
  /// bytes need no validation.
  private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ highBits: UInt64) -> JSONValue {
    if highBits & JSONScan.highBits == 0 {
      return .string(String(decoding: bytes, as: UTF8.self))
    }
    // String(validating:as:) would do, but costs several times more than this check.
    if JSONScan.isValidUTF8(bytes) {
      return .string(String(decoding: bytes, as: UTF8.self))
    }
    return .bytes(Array(bytes))
  }

  /// Finishes a string that has escapes, unescaping into `scratch`; `firstEscape` is the
  /// position of the first backslash and `highBits` covers the raw bytes before it.
  private mutating func readEscapedString(
    quote: Int, firstEscape: Int, highBits: UInt64
  ) throws(JSONParseError) -> JSONValue {
    let count = input.count
    var highBits = highBits
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[quote + 1..<firstEscape]))
    var position = firstEscape
    while true {
      guard position < count else { throw failure("unterminated string", at: quote) }
      let byte = input[position]
      if byte == UInt8(ascii: "\"") { break }
      if byte == UInt8(ascii: "\\") {
        position = try readEscape(at: position, quote: quote)
        continue
      }
      if byte < 0x20 {
        throw failure("unescaped control character in string", at: position)
      }
      let runStart = position
      while position < count {
        let byte = input[position]
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
        highBits |= UInt64(byte)
        position += 1
      }
      scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<position]))
    }
    offset = position + 1
    return scratch.withUnsafeBufferPointer { Self.decode($0, highBits) }
  }

  /// Unescapes the escape sequence at `backslash` into `scratch` and returns the position
  /// after it.
  private mutating func readEscape(at backslash: Int, quote: Int) throws(JSONParseError) -> Int {
    guard backslash + 1 < input.count else { throw failure("unterminated string", at: quote) }
    let code = input[backslash + 1]
    let unescaped: UInt8
    switch code {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped = code
    case UInt8(ascii: "b"): unescaped = 0x08
    case UInt8(ascii: "f"): unescaped = 0x0C
    case UInt8(ascii: "n"): unescaped = 0x0A
    case UInt8(ascii: "r"): unescaped = 0x0D
    case UInt8(ascii: "t"): unescaped = 0x09
    case UInt8(ascii: "u"): return try readUnicodeEscape(at: backslash)
    default:
      if code > 0x20 && code < 0x7F {
        let shown = Character(Unicode.Scalar(code))
        throw failure("invalid escape '\\\(shown)'", at: backslash)
      }
      throw failure("invalid escape", at: backslash)
    }
    scratch.append(unescaped)
    return backslash + 2
  }

  /// Unescapes the "\uXXXX" at `backslash`, with the low half that must follow a high
  /// surrogate, into `scratch` and returns the position after it.
  private mutating func readUnicodeEscape(at backslash: Int) throws(JSONParseError) -> Int {
    let unit = try readHex4(at: backslash)
    var scalar = UInt32(unit)
    var next = backslash + 6
    if unit >= 0xD800 && unit <= 0xDBFF {
      guard next + 1 < input.count, input[next] == UInt8(ascii: "\\"),
        input[next + 1] == UInt8(ascii: "u")
      else {
        throw failure("unpaired surrogate escape", at: backslash)
      }
      let low = try readHex4(at: next)
      guard low >= 0xDC00 && low <= 0xDFFF else {
        throw failure("unpaired surrogate escape", at: backslash)
      }
      scalar = 0x10000 + ((scalar - 0xD800) << 10) + (UInt32(low) - 0xDC00)
      next += 6
    } else if unit >= 0xDC00 && unit <= 0xDFFF {
      throw failure("unpaired surrogate escape", at: backslash)
    }
    appendUTF8(scalar)
    return next
  }

  /// The code unit of the "\uXXXX" at `backslash`.
  private func readHex4(at backslash: Int) throws(JSONParseError) -> UInt16 {
    guard backslash + 6 <= input.count else {
      throw failure("expected 4 hex digits after '\\u'", at: backslash)
    }
    var unit: UInt16 = 0
    for position in backslash + 2..<backslash + 6 {
      let byte = input[position]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte &- UInt8(ascii: "A") &+ 10
      default: throw failure("expected 4 hex digits after '\\u'", at: backslash)
      }
      unit = unit << 4 | UInt16(digit)
    }
    return unit
  }

  /// Appends the UTF-8 encoding of `scalar`, a valid Unicode scalar value, to `scratch`.
  private mutating func appendUTF8(_ scalar: UInt32) {
    switch scalar {
    case 0..<0x80:
      scratch.append(UInt8(truncatingIfNeeded: scalar))
    case 0x80..<0x800:
      scratch.append(UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      scratch.append(UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
    default:
      scratch.append(UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
      scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
    }
  }
}
