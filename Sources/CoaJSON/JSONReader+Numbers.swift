extension JSONReader {
  /// Reads a number; the read position is at its "-" or first digit.
  mutating func readNumber() throws(JSONParseError) -> JSONValue {
    let start = offset
    let count = input.count
    var position = start
    let negative = input[position] == UInt8(ascii: "-")
    if negative { position += 1 }

    // Integer part: "0" or a nonzero digit followed by digits.
    guard position < count, Self.isDigit(input[position]) else {
      throw failure("expected a digit after '-'", at: position)
    }
    var significand: UInt64 = 0
    var significantDigits = 0
    if input[position] == UInt8(ascii: "0") {
      position += 1
      if position < count && Self.isDigit(input[position]) {
        throw failure("leading zeros are not allowed", at: position - 1)
      }
    } else {
      while position < count && Self.isDigit(input[position]) {
        if significantDigits < 19 {
          significand = significand &* 10 &+ UInt64(input[position] &- UInt8(ascii: "0"))
        }
        significantDigits += 1
        position += 1
      }
    }

    // Fraction and exponent.
    var exponent = 0
    var isInteger = true
    if position < count && input[position] == UInt8(ascii: ".") {
      isInteger = false
      position += 1
      guard position < count, Self.isDigit(input[position]) else {
        throw failure("expected a digit after '.'", at: position)
      }
      while position < count && Self.isDigit(input[position]) {
        let digit = input[position] &- UInt8(ascii: "0")
        if significantDigits < 19 && (significantDigits > 0 || digit != 0) {
          significand = significand &* 10 &+ UInt64(digit)
          significantDigits += 1
          exponent -= 1
        } else if significantDigits == 0 {
          exponent -= 1
        } else {
          significantDigits += 1
        }
        position += 1
      }
    }
    if position < count && (input[position] | 0x20) == UInt8(ascii: "e") {
      isInteger = false
      position += 1
      let sign = position < count ? input[position] : 0
      let exponentNegative = sign == UInt8(ascii: "-")
      if exponentNegative || sign == UInt8(ascii: "+") {
        position += 1
      }
      guard position < count, Self.isDigit(input[position]) else {
        throw failure("expected a digit in the exponent", at: position)
      }
      var written = 0
      while position < count && Self.isDigit(input[position]) {
        if written < 100_000 {
          written = written * 10 + Int(input[position] &- UInt8(ascii: "0"))
        }
        position += 1
      }
      exponent += exponentNegative ? -written : written
    }
    offset = position
    let text = UnsafeBufferPointer(rebasing: input[start..<position])

    if isInteger {
      if significantDigits <= 19 {
        if negative && significand <= UInt64(Int64.max) + 1 {
          return .int(Int64(truncatingIfNeeded: 0 &- significand))
        }
        if !negative && significand <= UInt64(Int64.max) {
          return .int(Int64(significand))
        }
      }
      return .bigInt(String(decoding: text, as: UTF8.self))
    }
    if let value = Self.exactDouble(significand, significantDigits, exponent) {
      return .double(negative ? -value : value)
    }
    guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else {
      throw failure("number out of range", at: start)
    }
    return .double(value)
  }

  /// True for an ASCII decimal digit.
  @inline(__always)
  static func isDigit(_ byte: UInt8) -> Bool {
    byte &- UInt8(ascii: "0") < 10
  }

  /// `significand` × 10^`exponent` when both convert to Double exactly, so that one
  /// multiplication or division rounds correctly (Clinger's fast path); nil otherwise.
  private static func exactDouble(
    _ significand: UInt64, _ significantDigits: Int, _ exponent: Int
  ) -> Double? {
    guard significantDigits <= 19, significand <= 1 << 53 else { return nil }
    let value = Double(significand)
    if exponent == 0 || significand == 0 { return value }
    guard exponent >= -22 && exponent <= 22 else { return nil }
    let scale = powersOfTen[exponent < 0 ? -exponent : exponent]
    return exponent < 0 ? value / scale : value * scale
  }

  /// 10^0 through 10^22, all exactly representable.
  private static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]
}
