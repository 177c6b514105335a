import CoaJSON

/// XSOAR's IsIntegrationAvailable: whether each named integration brand has an active
/// instance.
///
/// Parse the arguments with `init(arguments:)`, then `run(integrations:context:)`.
public struct IsIntegrationAvailableNative: Hashable, Sendable {
  /// The brands asked about, in the order given, trimmed.
  public let brands: [String]

  /// The context key the names of the matching instances are merged into.
  public static let instancesKey = "brandInstances"

  /// `instancesKey` parsed once, not at every call (a plain key: parsing does not fail).
  private static let instancesPath = try? ContextPath(instancesKey)

  /// Reads the argument brandname (required): one brand or a list of them.
  public init(arguments: JSONObject) throws(HostError) {
    let function = NativeFunction.isIntegrationAvailable.name
    let arguments = NativeArguments(function: function, values: arguments)
    guard let brands = try arguments.names("brandname") else {
      throw .missingArgument(function: function, argument: "brandname", expected: .list)
    }
    self.brands = brands
  }

  /// Answers from `integrations` and merges the names of the matching active instances, in
  /// file order, into brandInstances (an empty list when none).
  public func run(
    integrations: Integrations, context: inout Context
  ) throws(HostError) -> AvailabilityOutcome {
    let names = integrations.activeInstanceNames(brands: brands)
    let path: ContextPath
    if let parsed = Self.instancesPath {
      path = parsed
    } else {
      path = try ContextPath(Self.instancesKey)
    }
    try context.merge(path, with: .array(names.map(JSONValue.string)))

    let answers = brands.map { brand in
      BrandAvailability(brand: brand, isAvailable: integrations.isAvailable(brand: brand))
    }
    return AvailabilityOutcome(answers: answers, instanceNames: names)
  }
}

/// Whether one brand is available.
public struct BrandAvailability: Hashable, Sendable {
  /// The brand as asked.
  public let brand: String
  /// True when an instance of the brand is active.
  public let isAvailable: Bool

  /// An answer for `brand`.
  public init(brand: String, isAvailable: Bool) {
    self.brand = brand
    self.isAvailable = isAvailable
  }
}

/// What an IsIntegrationAvailable call found.
public struct AvailabilityOutcome: Hashable, Sendable {
  /// One answer per brand, in the order asked.
  public let answers: [BrandAvailability]
  /// The names of the matching active instances, in file order.
  public let instanceNames: [String]

  /// True when any brand asked about is available; Lua's first return value.
  public var anyAvailable: Bool { answers.contains(where: \.isAvailable) }

  /// Lua's second return value: brand to availability, in the order asked.
  public var byBrand: JSONObject {
    var table = JSONObject()
    for answer in answers {
      table[answer.brand] = .bool(answer.isAvailable)
    }
    return table
  }

  /// The war-room entry: "yes" or "no" for one brand, as XSOAR writes it; for several, one
  /// line "brand: yes" per brand.
  public var entryText: String {
    func word(_ answer: BrandAvailability) -> String { answer.isAvailable ? "yes" : "no" }
    if answers.count == 1, let only = answers.first { return word(only) }
    return answers.map { "\($0.brand): \(word($0))" }.joined(separator: "\n")
  }
}

extension IsIntegrationAvailableNative {
  /// IsIntegrationAvailable's documentation.
  public static let doc = NativeDoc(
    name: NativeFunction.isIntegrationAvailable.name,
    summary: "Tells whether an integration brand has an active instance.",
    arguments: [
      .init(
        name: "brandname", type: .list, isRequired: true,
        summary: "The brand, such as \"Cortex XDR - IR\", or several separated by commas;"
          + " compared with each instance's brand ignoring letter case.")
    ],
    positional: ["brandname"],
    returns: [
      .init(type: "boolean", summary: "true when any of the brands is available."),
      .init(type: "table", summary: "Each brand asked about, mapped to true or false."),
    ],
    effects: [
      "Merges the names of the matching active instances, in the integrations file's order,"
        + " into the context key brandInstances (an empty list when none).",
      "War room: yes or no; with several brands, one line \"brand: yes\" per brand.",
    ],
    errors: ["brandname missing, or a list holding lists or objects."],
    differences: [
      "Brand lists are trimmed around commas (XSOAR's current JavaScript does not).",
      "Several brands make one war-room entry and one merge of brandInstances, in the file's"
        + " order (XSOAR makes one entry and one merge per brand).",
      "An instance without a brand is skipped (XSOAR's script fails on it).",
    ])
}
