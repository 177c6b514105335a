import CoaJSON

/// One configured integration instance.
public struct IntegrationInstance: Hashable, Sendable {
  /// The instance's name.
  public let name: String
  /// The integration brand, such as "Cortex XDR - IR"; nil when the file gives none.
  public let brand: String?
  /// The instance's state; only "active" counts as available.
  public let state: String?
  /// Every field the file gives, kept as read.
  public let fields: JSONObject

  /// An instance with the given name, brand, state and fields.
  public init(name: String, brand: String?, state: String?, fields: JSONObject = JSONObject()) {
    self.name = name
    self.brand = brand
    self.state = state
    self.fields = fields
  }

  /// True when the instance's brand is `brandName` ignoring letter case (the whole string)
  /// and its state is exactly "active".
  public func isActive(brand brandName: String) -> Bool {
    guard let brand, state == "active" else { return false }
    // Both ASCII: lowercasing maps only A to Z and equality is byte equality, so compare
    // the bytes folded. (A non-ASCII one may lowercase to ASCII: Kelvin sign to k.)
    let folded = brand.withUTF8Bytes { left in
      brandName.withUTF8Bytes { right in Self.sameASCIIIgnoringCase(left, right) }
    }
    if let folded { return folded }
    return brand.lowercased() == brandName.lowercased()
  }

  /// Whether `lhs` and `rhs` are equal with A to Z lowercased, when both are ASCII; nil
  /// when one is not.
  private static func sameASCIIIgnoringCase(
    _ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>
  ) -> Bool? {
    guard lhs.allSatisfy({ $0 < 0x80 }), rhs.allSatisfy({ $0 < 0x80 }) else { return nil }
    guard lhs.count == rhs.count else { return false }
    for (left, right) in zip(lhs, rhs) where left != right {
      // ASCII letters differ in bit 0x20 alone; anything else that differs is unequal.
      guard left | 0x20 == right | 0x20, (0x61...0x7A).contains(left | 0x20) else {
        return false
      }
    }
    return true
  }
}

/// The configured integration instances, in the order the integrations file lists them.
///
/// The file has one of two shapes: an array of objects with "name", "brand" and "state", or
/// XSOAR's getModules map from instance name to an object with "brand" and "state". Other
/// fields are kept and ignored. No file means no integrations. An instance without a brand
/// (absent or null) is kept but never available; a "state" that is absent or null means not
/// active.
public struct Integrations: Hashable, Sendable {
  /// The instances, in file order.
  public let instances: [IntegrationInstance]

  /// No integrations, as when there is no file.
  public static let none = Integrations(instances: [])

  /// The given instances.
  public init(instances: [IntegrationInstance]) {
    self.instances = instances
  }

  /// Reads the instances from the integrations file's text.
  public init(fileBytes: [UInt8]) throws(HostError) {
    let document: JSONValue
    do {
      document = try JSONParser.parse(fileBytes)
    } catch {
      throw .integrationsFile(.invalidJSON(error.description))
    }
    try self.init(document: document)
  }

  /// Reads the instances from the integrations file's JSON.
  public init(document: JSONValue) throws(HostError) {
    var instances: [IntegrationInstance] = []
    switch document {
    case .array(let entries):
      for (position, entry) in entries.enumerated() {
        let locator = IntegrationLocator.entry(position + 1)
        let fields = try Self.fields(of: entry, at: locator)
        guard let name = try Self.text("name", of: fields, at: locator) else {
          throw .integrationsFile(.missingName(locator))
        }
        instances.append(try Self.instance(name, fields, at: locator))
      }
    case .object(let byName):
      for (name, entry) in byName {
        let locator = IntegrationLocator.instance(name)
        let fields = try Self.fields(of: entry, at: locator)
        instances.append(try Self.instance(name, fields, at: locator))
      }
    default:
      throw .integrationsFile(.unexpectedTopLevel(found: document))
    }
    self.instances = instances
  }

  /// The names of the instances active for any of `brands`, in file order.
  public func activeInstanceNames(brands: [String]) -> [String] {
    var names: [String] = []
    for instance in instances where brands.contains(where: { instance.isActive(brand: $0) }) {
      names.append(instance.name)
    }
    return names
  }

  /// True when some instance is active for `brand`.
  public func isAvailable(brand: String) -> Bool {
    instances.contains { $0.isActive(brand: brand) }
  }

  // MARK: - Internals

  private static func fields(
    of entry: JSONValue, at locator: IntegrationLocator
  ) throws(HostError) -> JSONObject {
    guard case .object(let fields) = entry else {
      throw .integrationsFile(.instanceNotObject(locator, found: entry))
    }
    return fields
  }

  private static func instance(
    _ name: String, _ fields: JSONObject, at locator: IntegrationLocator
  ) throws(HostError) -> IntegrationInstance {
    IntegrationInstance(
      name: name,
      brand: try text("brand", of: fields, at: locator),
      state: try text("state", of: fields, at: locator),
      fields: fields)
  }

  /// The string `field`, nil when absent or null; an error when of another type.
  private static func text(
    _ field: String, of fields: JSONObject, at locator: IntegrationLocator
  ) throws(HostError) -> String? {
    switch fields[field] {
    case nil, .null?: return nil
    case .string(let text)?: return text
    case let found?: throw .integrationsFile(.fieldNotString(locator, field: field, found: found))
    }
  }
}
