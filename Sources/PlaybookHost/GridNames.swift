/// How SetGridField normalises names. The two rules differ on purpose, as in XSOAR.
public enum GridNames {
  /// The grid field's machine name: "-", "_", spaces and apostrophes deleted, then
  /// lowercased. "Handled Techniques", "handled_techniques" and "HandledTechniques" all give
  /// "handledtechniques".
  public static func gridID(_ name: String) -> String {
    // ASCII only: a character is a byte (or CR LF, deleted by neither rule), and lowercasing
    // maps only A to Z, so a byte loop gives the same result.
    if name.isASCIIOnly {
      return asciiName(name) { byte in
        byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_") && byte != UInt8(ascii: " ")
          && byte != UInt8(ascii: "'")
      }
    }
    let deleted: Set<Character> = ["-", "_", " ", "'"]
    return String(name.filter { !deleted.contains($0) }).lowercased()
  }

  /// A column's name: only ASCII letters, digits and "_" kept, then lowercased.
  /// "Column_Name" gives "column_name"; "E-mail Address" gives "emailaddress".
  public static func column(_ name: String) -> String {
    // A scalar is ASCII exactly when its one byte is, so filtering bytes is the same.
    asciiName(name) { byte in
      byte == UInt8(ascii: "_") || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
  }

  /// The bytes of `name` that `keep` accepts, which must be ASCII, with A to Z lowercased.
  private static func asciiName(_ name: String, keep: (UInt8) -> Bool) -> String {
    name.withUTF8Bytes { bytes in
      String(unsafeUninitializedCapacity: bytes.count) { buffer in
        var length = 0
        for byte in bytes where keep(byte) {
          let isUpper = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
          buffer[length] = isUpper ? byte + 0x20 : byte
          length += 1
        }
        return length
      }
    }
  }
}
