import CoaJSON
import LuaVM

/// Everything a playbook sees, gathered from where it is defined: the sandbox's globals
/// (LuaVM), the fields of its library tables (read from a fresh sandbox), the header fields
/// (PlaybookHeader) and the functions of the registry (NativeRegistry).
///
/// The editor definitions, the luacheck configuration and the authors' guide are all made
/// from one surface, so none of them keeps a list of its own.
public struct SandboxSurface: Hashable, Sendable {
  /// The sandbox's own globals, sorted: base functions, libraries and json.
  public let globals: [String]
  /// The members of each global that is a table, sorted ("string": ["byte", ...]).
  public let libraryFields: [String: [String]]
  /// The XSOAR natives, called with a table of XSOAR arguments, in registry order.
  public let natives: [NativeDoc]
  /// The playbook helpers (step, manual, ...), called positionally, in registry order.
  public let helpers: [NativeDoc]

  /// The surface of this build of coa.
  public static func current() throws(LuaError) -> SandboxSurface {
    let docs = NativeRegistry.docs
    return SandboxSurface(
      globals: LuaVM.sandboxGlobals,
      libraryFields: try readLibraryFields(),
      natives: docs.filter { NativeFunction(rawValue: $0.name) != nil },
      helpers: docs.filter { NativeFunction(rawValue: $0.name) == nil })
  }

  /// The header fields a playbook assigns, in order.
  public var headerFields: [LuaValueDoc] { PlaybookHeader.fields }

  /// The globals a playbook sets: the header fields and run.
  public var settableGlobals: [String] { headerFields.map(\.name) + [PlaybookHeader.runDoc.name] }

  /// The globals a playbook only reads: the sandbox's and the registry's functions.
  public var readOnlyGlobals: [String] { globals + (natives + helpers).map(\.name) }

  // MARK: - Internals

  private static let listFields = """
    local result = {}
    for name, value in pairs(_G) do
      if type(value) == "table" and name ~= "_G" then
        local fields = {}
        for key in pairs(value) do fields[#fields + 1] = tostring(key) end
        result[name] = fields
      end
    end
    return result
    """

  private static func readLibraryFields() throws(LuaError) -> [String: [String]] {
    let vm = try LuaVM(limits: LuaLimits())
    let values = try vm.run(listFields, chunkName: "=coa-stubs")
    var fields: [String: [String]] = [:]
    for (name, value) in values.first?.objectValue ?? JSONObject() {
      fields[name] = (value.arrayValue ?? []).compactMap(\.stringValue).sorted()
    }
    return fields
  }
}
