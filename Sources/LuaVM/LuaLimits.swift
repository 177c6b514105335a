/// The limits every run is held to. Breaching one ends the run with an error naming it.
public struct LuaLimits: Sendable, Equatable {
  /// Wall-clock seconds from the state's creation; nil for none.
  public var wallTime: Double?
  /// Bytes the state may hold at once; nil for none.
  public var memory: Int?
  /// Lua VM instructions; nil for none (the default costs nothing per instruction).
  public var instructions: Int64?

  /// The defaults: 5 s, 64 MiB, no instruction budget.
  public init(wallTime: Double? = 5, memory: Int? = 64 << 20, instructions: Int64? = nil) {
    self.wallTime = wallTime
    self.memory = memory
    self.instructions = instructions
  }

  /// No limits at all; for benchmarks that measure their cost.
  public static let none = LuaLimits(wallTime: nil, memory: nil, instructions: nil)
}

/// Which limit ended a run.
public enum LuaLimit: String, Sendable, Equatable {
  case memory
  case time
  case instructions
}
