import CLua
import CLuaShim

/// A chunk the host compiled from text and dumped, ready to load into fresh states without
/// compiling again.
///
/// Only `LuaVM.dump(_:)` makes one, so its bytes always come from Lua's own `lua_dump` in
/// this process: a forged binary chunk can break the VM, which is why playbook code can only
/// ever load text (the sandbox's `load` and `LuaVM.load` are text-only).
public struct LuaBytecode: Sendable, Hashable {
  /// The bytes `lua_dump` wrote, debug information included.
  public let bytes: [UInt8]
  /// The name errors and tracebacks show for the chunk (a playbook's path).
  public let chunkName: String

  init(bytes: [UInt8], chunkName: String) {
    self.bytes = bytes
    self.chunkName = chunkName
  }
}

extension LuaVM {
  /// The bytecode of `function`, a chunk this VM compiled with `load(_:chunkName:)` under
  /// `chunkName`. Debug information is kept, so errors and tracebacks of the loaded copies
  /// still name the playbook's file and lines.
  ///
  /// Runs on the host side: dumping calls no Lua code and raises no error.
  public func dump(_ function: LuaFunction, chunkName: String) -> LuaBytecode {
    var bytes: [UInt8] = []
    lua_rawgeti(state, coa_registryindex(), lua_Integer(function.reference))  // f
    withUnsafeMutablePointer(to: &bytes) { output in
      _ = lua_dump(
        state,
        { _, data, size, context in
          guard let data, let context else { return 1 }
          let output = context.assumingMemoryBound(to: [UInt8].self)
          output.pointee.append(
            contentsOf: UnsafeRawBufferPointer(start: data, count: size))
          return 0
        }, output, 0)
    }
    coa_pop(state, 1)
    return LuaBytecode(bytes: bytes, chunkName: chunkName)
  }

  /// Loads `bytecode` as a function, as `load(_:chunkName:)` would have compiled its text.
  ///
  /// The host-only path for binary chunks (`coa_load_host_binary`): `LuaBytecode` can only
  /// come from `dump(_:chunkName:)`, never from a playbook or a file.
  public func load(_ bytecode: LuaBytecode) throws(LuaError) -> LuaFunction {
    let status = bytecode.bytes.withUnsafeBytes { buffer in
      coa_load_host_binary(state, buffer.baseAddress, buffer.count, "@" + bytecode.chunkName)
    }
    guard status == LUA_OK else {
      throw popError(status: status)  // leaves the stack as it was
    }
    return LuaFunction(reference: luaL_ref(state, coa_registryindex()))
  }
}
