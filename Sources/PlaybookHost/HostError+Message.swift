import CoaJSON

extension HostError: CustomStringConvertible {
  /// The error as one line of text; the only place that words host errors.
  public var message: String {
    switch self {
    case .badKey(let key, let problem):
      return "bad context key \(messageQuoted(key)): \(problem.text)"
    case .blockedPath(let key, let prefix, let found):
      return "cannot write \(messageQuoted(key)): \(messageQuoted(prefix)) is not an object"
        + " (found \(found.messageDescription))"
    case .missingArgument(let function, let argument, let expected):
      return "bad argument '\(argument)' to '\(function)' (\(expected.text) expected, got no value)"
    case .badArgument(let function, let argument, let expected, let found):
      return "bad argument '\(argument)' to '\(function)'"
        + " (\(expected.text) expected, got \(found.messageDescription))"
    case .grid(let problem):
      return problem.text
    case .integrationsFile(let problem):
      return "integrations file: \(problem.text)"
    case .incident(let problem):
      return "incident: \(problem.text)"
    }
  }

  /// The same as `message`.
  public var description: String { message }
}

extension HostWarning: CustomStringConvertible {
  /// The warning as one line of text.
  public var message: String {
    switch self {
    case .unknownSortColumns(let columns):
      let names = columns.map(messageQuoted).joined(separator: ", ")
      let noun = columns.count == 1 ? "column" : "columns"
      return "sort_by names unknown \(noun) \(names); the grid was not sorted"
    case .keysWithoutColumn(let path, let keys):
      let names = keys.map(messageQuoted).joined(separator: ", ")
      let (noun, verb) = keys.count == 1 ? ("key", "was") : ("keys", "were")
      return "\(noun) \(names) of \(messageQuoted(path)) found no column and \(verb) left out"
    }
  }

  /// The same as `message`.
  public var description: String { message }
}

// MARK: - Wording of the nested problems

extension ArgumentKind {
  fileprivate var text: String {
    switch self {
    case .value: return "value"
    case .string: return "string"
    case .boolean: return "true, yes, false or no"
    case .list: return "list"
    case .listOfNames: return "list of strings"
    case .table: return "table"
    case .function: return "function"
    }
  }
}

extension KeyProblem {
  fileprivate var text: String {
    switch self {
    case .empty:
      return "the key is empty"
    case .emptySegment(let position):
      return "segment \(position) is empty"
    case .unbalancedParentheses:
      return "unbalanced parentheses"
    case .selectorNotLast:
      return "a selector in parentheses must end the key"
    case .unsupportedSelector(let text):
      return "unsupported selector \(messageQuoted(text))"
        + " (coa understands val.X == obj.Y, several joined by &&)"
    }
  }
}

extension GridProblem {
  fileprivate var text: String {
    switch self {
    case .keysColumnsMismatch(let keys, let columns):
      return "keys and columns differ in number: \(counted(keys, "key")),"
        + " \(counted(columns, "column"))"
    case .starAmongKeys(let argument):
      return "\(argument): \"*\" must be the only key"
    case .emptyColumnName(let name):
      return "column \(messageQuoted(name)) keeps no ASCII letter, digit or underscore"
    case .gridNotFound(let id):
      return "grid not found: no field \(messageQuoted(id)) in the incident's CustomFields;"
        + " check the grid field's machine name"
    case .gridNotRows(let id, let found):
      return
        "grid \(messageQuoted(id)) does not hold a list of rows (found \(found.messageDescription))"
    case .gridRowNotObject(let id, let row, let found):
      return
        "grid \(messageQuoted(id)): row \(row) is not an object (found \(found.messageDescription))"
    case .pathNotFound(let path):
      return "context path \(messageQuoted(path)) not found"
    case .unexpectedShape(let path, let found):
      return "context path \(messageQuoted(path)) is not a list or an object"
        + " (found \(found.messageDescription))"
    case .unpackNeedsObject(let path, let found):
      return "context path \(messageQuoted(path)) is not an object, as unpack_nested_elements needs"
        + " (found \(found.messageDescription))"
    case .mixedList(let path, let index, let found):
      return "context path \(messageQuoted(path)) mixes objects with other values"
        + " (element \(index): \(found.messageDescription))"
    case .listInValues(let path, let index, let found):
      return "context path \(messageQuoted(path)) is a list of values holding a list"
        + " (element \(index): \(found.messageDescription))"
    case .needsTwoColumns(let shape, let columns):
      let what =
        shape == .unpackedElements
        ? "unpack_nested_elements" : "an object read with keys *"
      return "\(what) needs two columns (key and value), got \(columns)"
    case .mixedSortColumn(let column, let kinds):
      return "cannot sort by column \(messageQuoted(column)): it mixes \(listed(kinds))"
    case .unsortableCell(let column, let row, let found):
      return "cannot sort by column \(messageQuoted(column)): row \(row) is not a string, number"
        + " or boolean (found \(found.messageDescription))"
    }
  }
}

extension IntegrationsFileProblem {
  fileprivate var text: String {
    switch self {
    case .invalidJSON(let reason):
      return "not JSON: \(reason)"
    case .unexpectedTopLevel(let found):
      return "expected an array of instances or an object of instances by name"
        + " (found \(found.messageDescription))"
    case .instanceNotObject(let locator, let found):
      return "\(locator.text) is not an object (found \(found.messageDescription))"
    case .missingName(let locator):
      return "\(locator.text) has no \"name\""
    case .fieldNotString(let locator, let field, let found):
      return "\(locator.text): \(messageQuoted(field)) is not a string"
        + " (found \(found.messageDescription))"
    }
  }
}

extension IntegrationLocator {
  fileprivate var text: String {
    switch self {
    case .entry(let position): return "entry \(position)"
    case .instance(let name): return "instance \(messageQuoted(name))"
    }
  }
}

extension IncidentProblem {
  fileprivate var text: String {
    switch self {
    case .notAnObject(let found):
      return "expected a JSON object (found \(found.messageDescription))"
    case .fieldNotObject(let field, let found):
      return "\(messageQuoted(field)) is not an object (found \(found.messageDescription))"
    }
  }
}

// MARK: - Helpers

/// `text` in double quotes, with quotes, backslashes and line breaks escaped.
func messageQuoted(_ text: String) -> String {
  var result = "\""
  for character in text {
    switch character {
    case "\"": result += "\\\""
    case "\\": result += "\\\\"
    case "\n": result += "\\n"
    case "\r": result += "\\r"
    case "\t": result += "\\t"
    default: result.append(character)
    }
  }
  return result + "\""
}

/// "1 key", "2 keys".
private func counted(_ count: Int, _ noun: String) -> String {
  count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
}

/// "a", "a and b", "a, b and c".
private func listed(_ words: [String]) -> String {
  guard let last = words.last else { return "" }
  guard words.count > 1 else { return last }
  return words.dropLast().joined(separator: ", ") + " and " + last
}
