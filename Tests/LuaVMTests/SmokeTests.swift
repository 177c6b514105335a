import CoaJSON
import Testing

@testable import LuaVM

@Suite struct SmokeTests {
  @Test func runsCodeAndReturnsValues() throws {
    #expect(try results("return 1, 2.5, 'x', true, nil") == [1, 2.5, "x", true, .null])
  }

  @Test func syntaxErrorCarriesChunkAndLine() throws {
    let error = try failure("local x = 1\nlocal = 2")
    #expect(error.kind == .syntax)
    #expect(error.chunk == "test.lua")
    #expect(error.line == 2)
    #expect(error.message == "<name> expected near '='")
  }
}
