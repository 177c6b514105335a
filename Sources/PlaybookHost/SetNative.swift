import CoaJSON

/// XSOAR's Set: writes a value into the context at a dotted key, replacing or merging.
///
/// Parse the arguments with `init(arguments:)`, then `run(on:)` the run's context.
public struct SetNative: Hashable, Sendable {
  /// Where to write.
  public let path: ContextPath
  /// The value to write, decoded (see `decode(_:stringify:)`).
  public let value: JSONValue
  /// True to merge with what is there, false to replace it.
  public let append: Bool

  /// Reads the arguments key (required), value (required), append (default false) and
  /// stringify (default false).
  public init(arguments: JSONObject) throws(HostError) {
    let arguments = NativeArguments(function: NativeFunction.set.name, values: arguments)
    let key = try arguments.requiredString("key")
    let raw = try arguments.requiredValue("value")
    let append = try arguments.boolean("append", default: false)
    let stringify = try arguments.boolean("stringify", default: false)

    path = try ContextPath(key)
    value = Self.decode(raw, stringify: stringify)
    self.append = append
  }

  /// Writes `value` at `path`: merged (by the key's selector, if any) when `append` is true,
  /// replaced otherwise, as semantics.md says (a selector without append is ignored).
  public func run(on context: inout Context) throws(HostError) -> SetOutcome {
    let merges = append
    let stored: JSONValue
    if merges {
      stored = try context.merge(path, with: value)
    } else {
      try context.overwrite(path, with: value)
      stored = value
    }
    return SetOutcome(key: path.key, value: value, stored: stored, merged: merges)
  }

  /// The value Set stores for the argument `raw`.
  ///
  /// With stringify false, a string that is JSON text becomes the value it denotes ("5" is
  /// 5, "1.50" is 1.5, "true" is true, "null" is null, '["a","b"]' a list) and any other
  /// string stays as it is ("007", "0x1A", "a,b", ""); Set never splits on commas. With
  /// stringify true, a string is kept byte for byte and anything else becomes its compact
  /// JSON text. Integers beyond 64 bits keep their exact digits either way.
  public static func decode(_ raw: JSONValue, stringify: Bool) -> JSONValue {
    switch raw {
    case .string(let text) where !stringify:
      return (try? JSONParser.parse(text)) ?? raw
    case .string, .bytes:
      return raw
    default:
      return stringify ? raw.compactJSON : raw
    }
  }
}

/// What a Set call did.
public struct SetOutcome: Hashable, Sendable {
  /// The key as the playbook wrote it.
  public let key: String
  /// The decoded value Set was given; what it returns to Lua.
  public let value: JSONValue
  /// What the context holds at the key afterwards (the merged list when merging).
  public let stored: JSONValue
  /// True when the value was merged rather than replacing what was there.
  public let merged: Bool

  /// The war-room entry: "Key Handled.Techniques set", worded as XSOAR's Set words it.
  public var entryText: String { "Key \(key) set" }
}

extension SetNative {
  /// Set's documentation.
  public static let doc = NativeDoc(
    name: NativeFunction.set.name,
    summary: "Writes a value into the incident context at a dotted key.",
    arguments: [
      .init(
        name: "key", type: .string, isRequired: true,
        summary: "Dotted context path such as Handled.Techniques; it may end in a selector"
          + " such as Data(val.ID == obj.ID), which an append uses to update matching"
          + " elements (without append the selector is ignored and the value replaced)."),
      .init(
        name: "value", type: .value, isRequired: true,
        summary: "The value. A string holding JSON text is decoded (\"5\" is 5,"
          + " '[\"a\",\"b\"]' a list); any other string is kept as text."),
      .init(
        name: "append", type: .boolean, defaultValue: "false",
        summary: "true merges with what the key holds: a list of the old items followed by"
          + " the new ones that are not already there."),
      .init(
        name: "stringify", type: .boolean, defaultValue: "false",
        summary: "true stores a string byte for byte and anything else as its compact JSON"
          + " text."),
    ],
    positional: ["key", "value"],
    returns: [
      .init(
        type: "any",
        summary: "The value after decoding, as written (or, when appending, as merged in).")
    ],
    effects: [
      "Writes the context at key; sibling keys stay. Missing intermediate objects are"
        + " created.",
      "War room: Key <key> set",
    ],
    errors: [
      "key or value missing; append or stringify not a boolean (true, yes, false, no).",
      "A bad key: empty segment, unbalanced parentheses, or a selector coa does not"
        + " understand.",
      "The key runs through a list or a scalar (cannot write \"A.B\": \"A\" is not an object).",
    ],
    differences: [
      "append and stringify are ordinary booleans: XSOAR appends for any value but the exact"
        + " string \"false\" (so \"no\" appends) and stringifies only for the exact string"
        + " \"true\".",
      "A one-element list stays a list (XSOAR's JavaScript collapses [\"5\"] to 5).",
      "Integers beyond 64 bits keep their exact digits (XSOAR goes through floats).",
      "Writing through a list or a scalar is an error instead of replacing it.",
    ])
}
