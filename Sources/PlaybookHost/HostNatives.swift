import CoaJSON
import LuaVM

/// Binds Set, SetGridField and IsIntegrationAvailable to Lua.
///
/// Calls take XSOAR's argument names in one table, `Set{key = "A.B", value = 5}`, whose
/// sequence part may give the positional arguments in order, `Set{"A.B", 5, append = true}`,
/// or the positional arguments directly, `Set("A.B", 5)`. Every call, and every failure,
/// becomes an entry of the run report.
enum HostNatives {
  /// The Lua native for `function`, working on `session`.
  static func native(_ function: NativeFunction, session: RunSession) -> LuaNative {
    LuaNative(function.name) { [unowned session] lua in
      guard session.phase == .body else { return refusedInHeader(function.name) }
      let arguments: JSONObject
      switch collectArguments(lua, doc: function.doc) {
      case .success(let collected): arguments = collected
      case .failure(let misuse):
        let message = misuse.message(function.name)
        session.report.recordCall(
          function.name, arguments: JSONObject(), outcome: .error(message), line: lua.callerLine)
        return misuse.result
      }

      let line = lua.callerLine
      do throws(HostError) {
        let values = try perform(function, arguments, session: session, line: line)
        return .values(values)
      } catch {
        session.report.recordCall(
          function.name, arguments: arguments, outcome: .error(error.message), line: line)
        return .error(error.message)
      }
    }
  }

  static func refusedInHeader(_ name: String) -> LuaNativeResult {
    .error("'\(name)' cannot be called while the header is read; call it from run()")
  }

  // Runs the model and records the entry; returns what Lua gets back.
  private static func perform(
    _ function: NativeFunction, _ arguments: JSONObject, session: RunSession, line: Int?
  ) throws(HostError) -> [JSONValue] {
    switch function {
    case .set:
      let outcome = try SetNative(arguments: arguments).run(on: &session.incident.context)
      session.report.recordCall(
        function.name, arguments: arguments, outcome: .ok(outcome.entryText), line: line)
      return [outcome.value]

    case .setGridField:
      let outcome = try SetGridFieldNative(arguments: arguments).run(on: &session.incident)
      session.report.recordCall(
        function.name, arguments: arguments, outcome: .ok(outcome.entryText), line: line)
      session.report.recordWarnings(outcome.warnings, function: function.name, line: line)
      return [outcome.gridValue]

    case .isIntegrationAvailable:
      let outcome = try IsIntegrationAvailableNative(arguments: arguments).run(
        integrations: session.integrations, context: &session.incident.context)
      session.report.recordCall(
        function.name, arguments: arguments, outcome: .ok(outcome.entryText), line: line)
      return [.bool(outcome.anyAvailable), .object(outcome.byBrand)]
    }
  }

  /// A call that is wrong before the native even looks at the values: in Lua's voice.
  struct Misuse: Error {
    /// The position of the argument at fault.
    let index: Int
    /// What is wrong with it: "table expected, got nil".
    let problem: String

    /// What the native returns to have Lua raise the error.
    var result: LuaNativeResult { .badArgument(index, problem) }

    /// The message Lua raises, without its location, as the report records it.
    func message(_ function: String) -> String {
      "bad argument #\(index) to '\(function)' (\(problem))"
    }
  }

  /// The call's arguments by XSOAR name, from either calling form.
  static func collectArguments(_ lua: LuaArguments, doc: NativeDoc) -> Result<JSONObject, Misuse> {
    if lua.count == 1 && lua.type(1) == .table { return collectTable(lua, doc: doc) }

    let first = lua.type(1)
    guard first == .string || first == .number || first == .table else {
      return .failure(Misuse(index: 1, problem: lua.typeMismatch(1, expected: "table")))
    }
    guard lua.count <= doc.positional.count else {
      let message = "too many arguments (\(doc.name) takes \(positionalList(doc)))"
      return .failure(Misuse(index: doc.positional.count + 1, problem: message))
    }

    var arguments = JSONObject()
    for (offset, name) in doc.positional.enumerated() where offset < lua.count {
      do {
        let value = try lua.value(offset + 1, name: name)
        if value != .null { arguments[name] = value }
      } catch {
        return .failure(Misuse(index: offset + 1, problem: error.description))
      }
    }
    return .success(arguments)
  }

  private static func collectTable(_ lua: LuaArguments, doc: NativeDoc) -> Result<
    JSONObject, Misuse
  > {
    // The common call names only known arguments: check that without making the key
    // strings, then read the arguments; anything else goes the general way for its error.
    let shape = lua.tableShape(1)
    if !shape.other, shape.sequence <= doc.positional.count, doc.arguments.count <= 64 {
      var present: UInt64 = 0
      var found = 0
      for (position, argument) in doc.arguments.enumerated() where lua.hasField(1, argument.name) {
        present |= 1 << position
        found += 1
      }
      // Every string key is a distinct known name (byte for byte): none is unknown.
      if found == shape.strings {
        let sequence = shape.sequence
        return readTable(lua, doc: doc, sequence: sequence, count: found + sequence) { position in
          present & (1 << position) != 0
        }
      }
    }
    return collectTableChecked(lua, doc: doc)
  }

  /// The arguments of a table holding only known names and at most the positional ones in
  /// its sequence part, `count` keys in all; `isPresent(i)` tells whether it names
  /// `doc.arguments[i]`.
  private static func readTable(
    _ lua: LuaArguments, doc: NativeDoc, sequence: Int, count: Int, isPresent: (Int) -> Bool
  ) -> Result<JSONObject, Misuse> {
    var arguments = JSONObject()
    arguments.reserveCapacity(count)
    do {
      for (offset, name) in doc.positional.enumerated() where offset < sequence {
        if let known = doc.arguments.firstIndex(where: { $0.name == name }), isPresent(known) {
          return .failure(Misuse(index: 1, problem: "argument '\(name)' given twice"))
        }
        if let value = try lua.element(1, offset + 1), value != .null { arguments[name] = value }
      }
      for (position, argument) in doc.arguments.enumerated() where isPresent(position) {
        let name = argument.name
        if let value = try lua.field(1, name), value != .null { arguments[name] = value }
      }
    } catch {
      return .failure(Misuse(index: 1, problem: error.description))
    }
    return .success(arguments)
  }

  /// `collectTable` for any table, with the key names in hand to word the errors.
  private static func collectTableChecked(_ lua: LuaArguments, doc: NativeDoc) -> Result<
    JSONObject, Misuse
  > {
    let keys = lua.tableKeys(1)
    let known = doc.arguments.map(\.name)
    if let unknown = keys.names.first(where: { !known.contains($0) }) {
      let message =
        "unknown argument '\(unknown)' (\(doc.name) takes \(known.joined(separator: ", ")))"
      return .failure(Misuse(index: 1, problem: message))
    }
    guard !keys.other else {
      let message = "argument table may hold only named arguments and \(positionalList(doc))"
      return .failure(Misuse(index: 1, problem: message))
    }
    guard keys.sequence <= doc.positional.count else {
      let message = "too many positional arguments (\(doc.name) takes \(positionalList(doc)))"
      return .failure(Misuse(index: 1, problem: message))
    }

    var arguments = JSONObject()
    do {
      for (offset, name) in doc.positional.enumerated() where offset < keys.sequence {
        if keys.names.contains(name) {
          return .failure(Misuse(index: 1, problem: "argument '\(name)' given twice"))
        }
        if let value = try lua.element(1, offset + 1), value != .null { arguments[name] = value }
      }
      for name in known where keys.names.contains(name) {
        if let value = try lua.field(1, name), value != .null { arguments[name] = value }
      }
    } catch {
      return .failure(Misuse(index: 1, problem: error.description))
    }
    return .success(arguments)
  }

  private static func positionalList(_ doc: NativeDoc) -> String {
    let names = doc.positional.map { "'\($0)'" }.joined(separator: ", ")
    return doc.positional.count == 1
      ? "1 positional argument, \(names)"
      : "\(doc.positional.count) positional arguments, \(names)"
  }
}
