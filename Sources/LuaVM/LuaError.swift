/// An error from Lua: a syntax error, a runtime error or a limit breach, with where it happened.
///
/// The data stays apart from the wording: `description` is the one renderer.
public struct LuaError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What kind of failure this is.
  public enum Kind: Sendable, Equatable {
    /// The chunk did not compile.
    case syntax
    /// The code raised an error while running.
    case runtime
    /// A limit of the run was breached.
    case limit(LuaLimit)
  }

  /// What kind of failure this is.
  public var kind: Kind
  /// The message without its "chunk:line:" prefix.
  public var message: String
  /// The chunk the error points at (a playbook's path), when known.
  public var chunk: String?
  /// The line in `chunk`, when known.
  public var line: Int?
  /// The stack, innermost first, one frame a line ("playbook.lua:12: in function 'step'").
  public var traceback: [String]

  /// Makes an error from its parts.
  public init(
    kind: Kind, message: String, chunk: String? = nil, line: Int? = nil, traceback: [String] = []
  ) {
    self.kind = kind
    self.message = message
    self.chunk = chunk
    self.line = line
    self.traceback = traceback
  }

  /// "chunk:line: message", or the message alone when the location is unknown.
  public var location: String? {
    guard let chunk else { return nil }
    guard let line else { return chunk }
    return "\(chunk):\(line)"
  }

  /// One line: the location and the message, as Lua would print it.
  public var description: String {
    guard let location else { return message }
    return "\(location): \(message)"
  }

  /// The one-line description followed by the traceback, one indented frame a line.
  public var renderedWithTraceback: String {
    guard !traceback.isEmpty else { return description }
    return ([description, "stack traceback:"] + traceback.map { "  " + $0 }).joined(separator: "\n")
  }
}
