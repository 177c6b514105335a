/// The documentation of a global value a playbook sees or sets that is not a function: a
/// header field, or json.null. Editor definitions and the authors' guide read it.
public struct LuaValueDoc: Hashable, Sendable {
  /// The global's name, dotted for a member of a table ("json.null").
  public let name: String
  /// Its type as a lua-language-server annotation names it ("string", "string[]").
  public let luaType: String
  /// What it is, in one or two sentences.
  public let summary: String
  /// How a playbook writes or uses it, one line of Lua.
  public let example: String

  /// A value's documentation.
  public init(name: String, luaType: String, summary: String, example: String) {
    self.name = name
    self.luaType = luaType
    self.summary = summary
    self.example = example
  }
}
