/// A parsed context key such as `Handled.Techniques` or `Data.Items(val.ID == obj.ID)`.
///
/// The key splits on dots into segments, except inside the trailing parentheses. There is no
/// escape for a literal dot. Only the last segment may end in a selector, and a selector must
/// be one or more conditions `val.X == obj.Y` joined by `&&` (see `ContextSelector`);
/// anything else in parentheses is an error naming the key. White space inside segments is
/// kept: `Handled Techniques` is one segment.
public struct ContextPath: Hashable, Sendable, CustomStringConvertible {
  /// The key as written.
  public let key: String
  /// The names of the nested objects, outermost first; never empty.
  public let segments: [String]
  /// The selector that ended the key, if any.
  public let selector: ContextSelector?

  /// Parses `key`, throwing `HostError.badKey` when it is empty, has an empty segment,
  /// unbalanced parentheses, a selector before its end or a selector coa does not support.
  public init(_ key: String) throws(HostError) {
    guard !key.isEmpty else { throw .badKey(key: key, problem: .empty) }
    var segments = try Self.split(key)
    var selector: ContextSelector?
    // Without a "(" byte there is no "(" character to look for.
    if let last = segments.last, last.withUTF8Bytes({ $0.contains(UInt8(ascii: "(")) }),
      let open = last.firstIndex(of: "(")
    {
      let inside = last[last.index(after: open)..<last.index(before: last.endIndex)]
      selector = try ContextSelector(parsing: String(inside), key: key)
      segments[segments.count - 1] = String(last[..<open])
    }

    if let empty = segments.firstIndex(where: \.isEmpty) {
      throw .badKey(key: key, problem: .emptySegment(position: empty + 1))
    }
    self.key = key
    self.segments = segments
    self.selector = selector
  }

  /// The path without its selector, as the key names it: `Data.Items` for
  /// `Data.Items(val.ID == obj.ID)`.
  public var plainKey: String { segments.joined(separator: ".") }

  /// The key as written.
  public var description: String { key }

  // MARK: - Splitting

  /// Splits on dots outside parentheses and checks that any parentheses close at the very end
  /// of the key.
  private static func split(_ key: String) throws(HostError) -> [String] {
    if let segments = splitPlain(key) { return segments }
    var segments: [String] = []
    var current = ""
    var depth = 0
    var closedSelector = false

    for character in key {
      if closedSelector { throw .badKey(key: key, problem: .selectorNotLast) }
      switch character {
      case "(":
        depth += 1
      case ")":
        guard depth > 0 else { throw .badKey(key: key, problem: .unbalancedParentheses) }
        depth -= 1
        closedSelector = depth == 0
      case "." where depth == 0:
        segments.append(current)
        current = ""
        continue
      default:
        break
      }
      current.append(character)
    }

    guard depth == 0 else { throw .badKey(key: key, problem: .unbalancedParentheses) }
    segments.append(current)
    return segments
  }

  /// `split` for an ASCII key without parentheses, the common key, or nil for any other.
  /// Every character of such a key is one byte (CR LF aside, which holds no dot), so
  /// splitting its bytes on dots is the same.
  private static func splitPlain(_ key: String) -> [String]? {
    key.withUTF8Bytes { bytes -> [String]? in
      guard
        !bytes.contains(where: {
          $0 >= 0x80 || $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ")")
        })
      else { return nil }
      var segments: [String] = []
      segments.reserveCapacity(bytes.count(where: { $0 == UInt8(ascii: ".") }) + 1)
      var start = 0
      for position in bytes.indices where bytes[position] == UInt8(ascii: ".") {
        segments.append(text(bytes[start..<position]))
        start = position + 1
      }
      segments.append(text(bytes[start...]))
      return segments
    }
  }

  /// The text of some bytes of a key, which are ASCII.
  private static func text(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
  }
}
