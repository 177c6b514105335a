/// A Lua value that cannot become JSON, and where in it the problem is.
public struct LuaBridgeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong at `path`.
  public enum Problem: Sendable, Equatable {
    /// A function, thread or userdata other than `json.null`.
    case unsupported(type: String)
    /// A table that contains itself.
    case cycle
    /// NaN or an infinity.
    case nonFinite
    /// Integer keys 1..n and string keys in one table.
    case mixedKeys
    /// Integer keys that do not run 1..n without holes.
    case notASequence
    /// A key that is neither a string nor part of a sequence.
    case badKey(type: String)
    /// A string key that is not valid UTF-8.
    case invalidKey
    /// Nesting deeper than the limit.
    case tooDeep(limit: Int)
  }

  /// Where the problem is, e.g. "value.items[2].name".
  public var path: String
  /// What is wrong there.
  public var problem: Problem

  /// Makes an error from its parts.
  public init(path: String, problem: Problem) {
    self.path = path
    self.problem = problem
  }

  /// "value.items[2]: table mixes sequence and string keys".
  public var description: String {
    "\(path): \(problemText)"
  }

  private var problemText: String {
    switch problem {
    case .unsupported(let type): return "cannot convert a \(type) to JSON"
    case .cycle: return "table contains itself (a cycle)"
    case .nonFinite: return "cannot convert NaN or infinity to JSON"
    case .mixedKeys: return "table mixes sequence and string keys"
    case .notASequence: return "table has integer keys that are not a sequence 1..n"
    case .badKey(let type): return "table has a \(type) key (keys must be strings or 1..n)"
    case .invalidKey: return "table key is not valid UTF-8"
    case .tooDeep(let limit): return "nesting deeper than \(limit) levels"
    }
  }
}
