import CoaJSON
import Testing

@testable import PlaybookHost

@Suite("Native documentation")
struct NativeDocTests {
  @Test("every native is documented under its own name", arguments: NativeFunction.allCases)
  func names(function: NativeFunction) {
    #expect(function.doc.name == function.name)
    #expect(!function.doc.summary.isEmpty)
    #expect(!function.doc.returns.isEmpty)
    #expect(!function.doc.errors.isEmpty)
    #expect(!function.doc.differences.isEmpty)
  }

  @Test("positional arguments are the required ones, in order", arguments: NativeFunction.allCases)
  func positional(function: NativeFunction) {
    let required = function.doc.arguments.filter(\.isRequired).map(\.name)
    #expect(function.doc.positional == required)
  }

  @Test("the documented arguments")
  func arguments() {
    #expect(SetNative.doc.arguments.map(\.name) == ["key", "value", "append", "stringify"])
    #expect(
      SetGridFieldNative.doc.arguments.map(\.name) == [
        "grid_id", "context_path", "columns", "keys", "overwrite", "sort_by",
        "unpack_nested_elements", "keys_from_nested",
      ])
    #expect(IsIntegrationAvailableNative.doc.arguments.map(\.name) == ["brandname"])
  }

  @Test("documented defaults match the behaviour")
  func defaults() throws {
    let grid = SetGridFieldNative.doc
    #expect(grid.argument("keys")?.defaultValue == "*")
    #expect(grid.argument("overwrite")?.defaultValue == "true")
    #expect(grid.argument("unpack_nested_elements")?.defaultValue == "false")
    #expect(grid.argument("keys_from_nested")?.defaultValue == "*")
    #expect(grid.argument("sort_by")?.defaultValue == nil)
    #expect(SetNative.doc.argument("append")?.defaultValue == "false")
    #expect(SetNative.doc.argument("stringify")?.defaultValue == "false")
    #expect(SetNative.doc.argument("nope") == nil)
  }
}
