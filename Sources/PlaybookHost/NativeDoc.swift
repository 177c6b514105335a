/// The documentation of one native function, kept next to its logic: the binding layer, the
/// CLI's help and `coa stubs` (editor definitions) all read it from here.
public struct NativeDoc: Hashable, Sendable {
  /// One argument of the native's argument table.
  public struct Argument: Hashable, Sendable {
    /// The XSOAR argument name, the key in the Lua table.
    public let name: String
    /// What the argument accepts.
    public let type: ArgumentKind
    /// True when the call fails without it.
    public let isRequired: Bool
    /// The default as a playbook author would write it, or nil when there is none.
    public let defaultValue: String?
    /// What the argument means, in one or two sentences.
    public let summary: String

    /// An argument description.
    public init(
      name: String, type: ArgumentKind, isRequired: Bool = false, defaultValue: String? = nil,
      summary: String
    ) {
      self.name = name
      self.type = type
      self.isRequired = isRequired
      self.defaultValue = defaultValue
      self.summary = summary
    }
  }

  /// One value the native returns to Lua, in order.
  public struct Return: Hashable, Sendable {
    /// The Lua type, as an editor definition names it ("boolean", "table", "any").
    public let type: String
    /// What the value is.
    public let summary: String

    /// A return value description.
    public init(type: String, summary: String) {
      self.type = type
      self.summary = summary
    }
  }

  /// The global name in Lua and the XSOAR script name.
  public let name: String
  /// One line saying what the native does.
  public let summary: String
  /// The arguments, required ones first, in XSOAR's order.
  public let arguments: [Argument]
  /// The arguments that may also be passed positionally, in order: `Set("A.B", 5)`.
  public let positional: [String]
  /// What the native returns to Lua.
  public let returns: [Return]
  /// What the native does to the incident, its context and the war room.
  public let effects: [String]
  /// The errors it raises, in words.
  public let errors: [String]
  /// Where coa behaves differently from XSOAR on purpose, and why.
  public let differences: [String]

  /// A native's documentation.
  public init(
    name: String, summary: String, arguments: [Argument], positional: [String],
    returns: [Return], effects: [String], errors: [String], differences: [String]
  ) {
    self.name = name
    self.summary = summary
    self.arguments = arguments
    self.positional = positional
    self.returns = returns
    self.effects = effects
    self.errors = errors
    self.differences = differences
  }

  /// The argument called `name`, or nil.
  public func argument(_ name: String) -> Argument? {
    arguments.first { $0.name == name }
  }
}

/// The native functions a playbook sees, in the order `coa stubs` lists them.
public enum NativeFunction: String, CaseIterable, Hashable, Sendable {
  /// XSOAR's Set: writes a value into the context.
  case set = "Set"
  /// XSOAR's SetGridField: fills a grid field of the incident from the context.
  case setGridField = "SetGridField"
  /// XSOAR's IsIntegrationAvailable: asks whether an integration brand has an active
  /// instance.
  case isIntegrationAvailable = "IsIntegrationAvailable"

  /// The name in Lua and in XSOAR.
  public var name: String { rawValue }

  /// The function's documentation.
  public var doc: NativeDoc {
    switch self {
    case .set: return SetNative.doc
    case .setGridField: return SetGridFieldNative.doc
    case .isIntegrationAvailable: return IsIntegrationAvailableNative.doc
    }
  }
}
