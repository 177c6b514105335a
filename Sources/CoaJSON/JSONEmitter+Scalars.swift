extension JSONEmitter {
  /// Appends the UTF-8 of `text`, quoted and escaped when `quoted`, else as it is.
  mutating func emitString(_ text: String, quoted: Bool) {
    let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
      if quoted {
        emitQuoted(bytes)
      } else {
        append(bytes)
      }
    }
    if done == nil {
      emitString(String(decoding: Array(text.utf8), as: UTF8.self), quoted: quoted)
    }
  }

  /// Appends `bytes` quoted, escaping `"`, `\` and control characters.
  ///
  /// Plain bytes are copied while they are scanned, eight at a time where possible.
  mutating func emitQuoted(_ bytes: UnsafeBufferPointer<UInt8>) {
    let end = bytes.count
    guard let source = bytes.baseAddress, end > 0 else {
      emitASCII("\"\"")
      return
    }
    // Room for the quotes and every byte unescaped; each escape makes room of its own.
    reserve(end + 2)
    base[count] = UInt8(ascii: "\"")
    count += 1
    var position = 0
    while true {
      while position + 8 <= end {
        let word = JSONScan.load(source + position)
        if JSONScan.hasStringSpecial(word) { break }
        JSONScan.store(word, base + count)
        position += 8
        count += 8
      }
      while position < end && !Self.needsEscape(source[position]) {
        base[count] = source[position]
        position += 1
        count += 1
      }
      if position == end { break }
      emitEscape(source[position])
      position += 1
      reserve(end - position + 1)
    }
    base[count] = UInt8(ascii: "\"")
    count += 1
  }

  /// True for the bytes a string must escape: quote, backslash and control characters.
  @inline(__always)
  private static func needsEscape(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
  }

  /// Appends the escape sequence for `byte`, a quote, backslash or control character.
  private mutating func emitEscape(_ byte: UInt8) {
    let short: UInt8
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"): short = byte
    case 0x0A: short = UInt8(ascii: "n")
    case 0x0D: short = UInt8(ascii: "r")
    case 0x09: short = UInt8(ascii: "t")
    case 0x08: short = UInt8(ascii: "b")
    case 0x0C: short = UInt8(ascii: "f")
    default:
      emitASCII("\\u00")
      append(Self.hexDigit(byte >> 4))
      append(Self.hexDigit(byte & 0x0F))
      return
    }
    append(UInt8(ascii: "\\"))
    append(short)
  }

  /// The lowercase hexadecimal digit for `nibble`, 0 through 15.
  private static func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
  }

  /// Appends the decimal digits of `integer`.
  mutating func emitInteger(_ integer: Int64) {
    write(room: 20) { out in
      var written = 0
      if integer < 0 {
        out[0] = UInt8(ascii: "-")
        written = 1
      }
      var magnitude = integer.magnitude
      var probe = magnitude
      while probe >= 10 {
        probe /= 10
        written += 1
      }
      let end = written + 1
      repeat {
        let (quotient, remainder) = magnitude.quotientAndRemainder(dividingBy: 10)
        out[written] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remainder)
        written -= 1
        magnitude = quotient
      } while magnitude != 0
      return end
    }
  }

  /// Appends `number` in its shortest round-tripping form, or `null` when not finite.
  mutating func emitDouble(_ number: Double) {
    guard number.isFinite else {
      emitASCII("null")
      return
    }
    // Swift's description is the shortest text that reads back as the same Double, and
    // always has a "." or an exponent: "5.0", "0.1", "1e+29", "5e-324". Should it ever
    // lack both, ".0" keeps the number a double when read back.
    var text = number.description
    text.withUTF8 { bytes in
      append(bytes)
      if !bytes.contains(UInt8(ascii: ".")) && !bytes.contains(UInt8(ascii: "e")) {
        emitASCII(".0")
      }
    }
  }
}
