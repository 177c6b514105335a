/// The options one command accepts: those that take a value and those that are flags.
///
/// Names are written without their leading "--".
struct OptionTable: Sendable {
  /// Options written `--name VALUE` or `--name=VALUE`.
  let valued: Set<String>
  /// Options written `--name` alone.
  let flags: Set<String>

  /// A table of the given valued options and flags.
  init(valued: Set<String> = [], flags: Set<String> = []) {
    self.valued = valued
    self.flags = flags
  }
}

/// The arguments of one command after parsing: option values, flags and positionals.
///
/// The grammar, small on purpose:
/// - `--name VALUE` and `--name=VALUE` for valued options; a VALUE that starts with "-" must
///   use the `=` form (so `--output --in-place` is a missing value, not a file "--in-place");
/// - `--name` for flags;
/// - `-h` is `--help`;
/// - `--` ends the options: everything after it is positional;
/// - `-` alone, and anything not starting with "-", is positional;
/// - an option given twice is an error, as is any option the table does not list.
struct Arguments: Equatable, Sendable {
  /// The value of each valued option given.
  private(set) var values: [String: String] = [:]
  /// The flags given.
  private(set) var flags: Set<String> = []
  /// The positional arguments, in order.
  private(set) var positionals: [String] = []

  /// Parses `tokens` against `table`; `command` names the command in error messages.
  static func parse(_ tokens: [String], table: OptionTable, command: String)
    throws(CommandLineError) -> Arguments
  {
    var result = Arguments()
    var index = 0
    while index < tokens.count {
      let token = tokens[index]
      index += 1

      if token == "--" {
        result.positionals += tokens[index...]
        break
      }
      guard token.hasPrefix("-"), token != "-" else {
        result.positionals.append(token)
        continue
      }

      let (name, inlineValue) = split(token)
      if table.flags.contains(name) {
        guard inlineValue == nil else { throw .unexpectedValue(option: name) }
        try result.setFlag(name)
      } else if table.valued.contains(name) {
        let value: String
        if let inlineValue {
          value = inlineValue
        } else if index < tokens.count, !looksLikeOption(tokens[index]) {
          value = tokens[index]
          index += 1
        } else {
          throw .missingValue(option: name)
        }
        try result.setValue(value, for: name)
      } else {
        throw .unknownOption(token: token, command: command)
      }
    }
    return result
  }

  /// The value of `name`, or nil when it was not given.
  func value(_ name: String) -> String? {
    values[name]
  }

  /// Whether the flag `name` was given.
  func has(_ name: String) -> Bool {
    flags.contains(name)
  }

  // MARK: - Internals

  /// "--name=value" gives ("name", "value"); "--name" gives ("name", nil); "-h" gives
  /// "help". Any other single-dash token keeps its dash, so that no option matches it.
  private static func split(_ token: String) -> (name: String, value: String?) {
    guard token.hasPrefix("--") else { return (token == "-h" ? "help" : token, nil) }
    let body = token.dropFirst(2)
    guard let equals = body.firstIndex(of: "=") else { return (String(body), nil) }
    return (String(body[..<equals]), String(body[body.index(after: equals)...]))
  }

  private static func looksLikeOption(_ token: String) -> Bool {
    token.hasPrefix("-") && token != "-"
  }

  private mutating func setFlag(_ name: String) throws(CommandLineError) {
    guard !flags.contains(name) else { throw .repeatedOption(option: name) }
    flags.insert(name)
  }

  private mutating func setValue(_ value: String, for name: String) throws(CommandLineError) {
    guard values[name] == nil else { throw .repeatedOption(option: name) }
    values[name] = value
  }
}
