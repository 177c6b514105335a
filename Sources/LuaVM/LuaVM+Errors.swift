import CLua
import CLuaShim

extension LuaVM {
  /// Turns the error value on top of the stack into a `LuaError` and pops it.
  ///
  /// The kind comes from the status and from the limit the state recorded (a limit error may
  /// reach us as any status, even as an error in the message handler). The location comes
  /// from the "chunk:line:" prefix, or else from the first Lua frame of the traceback.
  func popError(status: Int32) -> LuaError {
    let raw = lua_type(state, -1) == LUA_TSTRING ? string(at: -1) : nil
    let rendered = raw ?? "(error object is a \(LuaType(code: lua_type(state, -1)).rawValue) value)"
    coa_pop(state, 1)

    var length = 0
    let frames: [String]
    if let pointer = coa_traceback(state, &length) {
      frames = LuaVM.frames(fromTraceback: decodeLossy(pointer, count: length))
    } else {
      frames = []
    }

    let kind: LuaError.Kind
    if let limit = limitHit {
      kind = .limit(limit)
    } else if status == LUA_ERRSYNTAX {
      kind = .syntax
    } else {
      kind = .runtime
    }

    var error = LuaError(kind: kind, message: rendered, traceback: frames)
    if let (chunk, line, message) = LuaVM.splitLocation(rendered) {
      error.chunk = chunk
      error.line = line
      error.message = message
    } else if let frame = frames.first(where: { !$0.hasPrefix("[C]") }),
      let (chunk, line, _) = LuaVM.splitLocation(frame)
    {
      error.chunk = chunk
      error.line = line
    }
    if case .limit = kind, let message = limitMessage(for: kind) {
      error.message = message
    }
    return error
  }

  private func limitMessage(for kind: LuaError.Kind) -> String? {
    guard case .limit(let limit) = kind else { return nil }
    switch limit {
    case .memory:
      guard let bytes = limits.memory else { return nil }
      return bytes % (1 << 20) == 0
        ? "memory limit exceeded (\(bytes >> 20) MiB)" : "memory limit exceeded (\(bytes) bytes)"
    case .time:
      return limits.wallTime.map { "time limit exceeded (\(LuaVM.seconds($0)) s)" }
    case .instructions:
      return limits.instructions.map { "instruction limit exceeded (\($0) instructions)" }
    }
  }

  /// Seconds as C's %g writes them for the limits we accept ("5", "0.25").
  static func seconds(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }

  /// Splits "chunk:line: message" into its parts; nil when there is no such prefix.
  static func splitLocation(_ text: String) -> (String, Int, String)? {
    let bytes = Array(text.utf8)
    var index = 0
    while index < bytes.count {
      guard bytes[index] == UInt8(ascii: ":") else {
        index += 1
        continue
      }
      var end = index + 1
      while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") {
        end += 1
      }
      if end > index + 1, end < bytes.count, bytes[end] == UInt8(ascii: ":"), index > 0 {
        let chunk = String(decoding: bytes[..<index], as: UTF8.self)
        let line = Int(String(decoding: bytes[(index + 1)..<end], as: UTF8.self)) ?? 0
        var rest = end + 1
        if rest < bytes.count, bytes[rest] == UInt8(ascii: " ") { rest += 1 }
        return (chunk, line, String(decoding: bytes[rest...], as: UTF8.self))
      }
      index += 1
    }
    return nil
  }

  /// The frames of a luaL_traceback text, without the header and the host's bottom frame.
  static func frames(fromTraceback text: String) -> [String] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let start = lines.firstIndex(where: { $0 == "stack traceback:" }) else { return [] }
    return lines[(start + 1)...]
      .map { String($0.drop(while: { $0 == "\t" || $0 == " " })) }
      .filter { !$0.isEmpty && $0 != "[C]: in ?" }
  }
}

/// Decodes bytes as UTF-8, replacing what is not valid; for messages only.
func decodeLossy(_ pointer: UnsafePointer<CChar>, count: Int) -> String {
  pointer.withMemoryRebound(to: UInt8.self, capacity: count) { bytes in
    String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
  }
}
