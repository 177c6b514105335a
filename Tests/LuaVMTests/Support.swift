import CoaJSON
import Testing

@testable import LuaVM

/// Runs `source` in a fresh VM and returns the error it raised; records an issue if none.
func failure(
  _ source: String, limits: LuaLimits = LuaLimits(), chunk: String = "test.lua",
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> LuaError {
  let vm = try LuaVM(limits: limits)
  do {
    try vm.run(source, chunkName: chunk)
  } catch {
    return error
  }
  Issue.record("expected an error from: \(source)", sourceLocation: sourceLocation)
  return LuaError(kind: .runtime, message: "no error")
}

/// Runs `source` in a fresh VM and returns what it returns.
func results(_ source: String, limits: LuaLimits = LuaLimits()) throws -> [JSONValue] {
  try LuaVM(limits: limits).run(source, chunkName: "test.lua")
}

/// The single value `source` returns.
func result(_ source: String, limits: LuaLimits = LuaLimits()) throws -> JSONValue {
  let values = try results(source, limits: limits)
  return values.first ?? .null
}
