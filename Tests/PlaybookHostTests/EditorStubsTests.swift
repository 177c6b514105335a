import CoaJSON
import LuaVM
import Testing

@testable import PlaybookHost

@Suite("Editor stubs, luacheck configuration and the authors' guide")
struct EditorStubsTests {
  @Test("the committed files are what coa stubs generates now")
  func committedFilesAreCurrent() throws {
    let files = try EditorStubs.files(in: shippedPlaybooks)
    #expect(
      files.map { String($0.path.dropFirst(shippedPlaybooks.count + 1)) }
        == ["types/coa.lua", ".luarc.json", ".luacheckrc", "README.md"])
    for file in files where !file.isCurrent {
      Issue.record("\(file.path) is out of date: run `coa stubs` to refresh it")
    }
  }

  @Test("the surface is the sandbox's own: globals, library fields and json")
  func surface() throws {
    let surface = try SandboxSurface.current()
    #expect(surface.globals == LuaVM.sandboxGlobals)
    #expect(surface.globals.contains("string") && !surface.globals.contains("io"))
    #expect(Set(surface.libraryFields.keys).isSubset(of: surface.globals))
    #expect(surface.libraryFields["string"]?.contains("format") == true)
    #expect(surface.libraryFields["string"]?.contains("dump") == false)

    let jsonNames = ([JSONHelperDocs.null.name] + JSONHelperDocs.functions.map(\.name))
      .map { String($0.dropFirst("json.".count)) }
    #expect(surface.libraryFields["json"] == jsonNames.sorted())
    #expect(surface.natives.map(\.name) == NativeFunction.allCases.map(\.name))
    #expect(surface.natives + surface.helpers == NativeRegistry.docs)
  }

  @Test("the header's documented fields are its fields, in order")
  func headerFields() {
    #expect(
      PlaybookHeader.fieldOrder == ["description", "id", "name", "techniques", "phases", "outputs"])
  }

  @Test("every registry function is defined, natives with an argument class")
  func definitions() throws {
    let text = EditorStubs.definitions(try SandboxSurface.current())
    #expect(text.hasPrefix("---@meta coa\n"))
    for doc in NativeRegistry.docs {
      #expect(text.contains("\n---\(doc.summary)\n"), "summary of \(doc.name)")
      #expect(text.contains("\nfunction \(doc.name)("), "function \(doc.name)")
    }
    for line in [
      "---@class SetArguments",
      "---@field key string Dotted context path",
      "---@field append? boolean|string true merges",
      "---@param args SetArguments The arguments by XSOAR name.",
      "---@overload fun(key: string, value: any): any",
      "function Set(args) end",
      "---@return boolean # true when any of the brands is available.",
      "---@overload fun(grid_id: string, context_path: string, columns: any[]|string): table",
      "---@param options? table Optional table;",
      "---@overload fun(name: string, body?: fun(): any): any",
      "function step(name, options, body) end",
      "function log(message, level) end",
      "---@type string[]\ntechniques = {}",
      "function run() end",
      "function json.encode(value, pretty) end",
      "json.null = nil",
    ] {
      #expect(text.contains(line), "\(line)")
    }
  }

  @Test("luacheck sees exactly the sandbox's globals")
  func luacheckConfig() throws {
    let surface = try SandboxSurface.current()
    let text = EditorStubs.luacheckConfig(surface)
    #expect(text.contains("\nstd = \"none\"\n"))
    #expect(text.contains("globals = {\n  \"description\", \"id\", \"name\", \"techniques\","))
    for name in surface.readOnlyGlobals {
      let declared =
        text.contains("  \"\(name)\"") || text.contains("  \(name) = { fields = {")
        || text.contains(", \"\(name)\"")
      #expect(declared, "\(name)")
    }
    for name in ["io", "os", "require", "dofile", "loadfile", "package", "debug"] {
      #expect(!text.contains("\"\(name)\","), "\(name) must not be declared")
    }
    #expect(text.contains("used: debug, io, os, package,"))
  }

  @Test("lua-language-server switches off the libraries the sandbox lacks")
  func luarc() throws {
    let value = try json(EditorStubs.luarc(try SandboxSurface.current()))
    #expect(
      text(value.objectValue?["runtime"])
        == #"{"version":"Lua 5.4","builtin":{"debug":"disable","io":"disable","os":"disable","#
        + #""package":"disable"}}"#)
    #expect(
      text(value.objectValue?["workspace"]) == #"{"library":["types"],"checkThirdParty":false}"#)
  }

  @Test("the guide's generated section is replaced between its markers, and only there")
  func guide() {
    let (begin, end) = (AuthorsGuide.beginMarker, AuthorsGuide.endMarker)
    let guide = "# Guide\n\nintro\n\n\(begin)\nold\n\(end)\n\ntail\n"
    #expect(
      AuthorsGuide.updating(guide, with: "new\n")
        == "# Guide\n\nintro\n\n\(begin)\n\nnew\n\n\(end)\n\ntail\n")
    #expect(AuthorsGuide.updating("# Guide without markers\n", with: "new\n") == nil)
  }

  @Test("the guide documents every argument of every native")
  func guideReference() throws {
    let reference = AuthorsGuide.reference(try SandboxSurface.current())
    for doc in NativeRegistry.docs {
      #expect(reference.contains("#### \(doc.name)\n"), "\(doc.name)")
      for argument in doc.arguments {
        #expect(reference.contains("| `\(argument.name)` |"), "\(doc.name).\(argument.name)")
      }
    }
    #expect(reference.contains("War room: Key &lt;key> set"))
  }

  @Test("coa stubs writes missing and stale files, creating the types folder, and no others")
  func writesFolder() throws {
    try withTemporaryFolder { folder in
      try writeFile(folder + "/.luacheckrc", "stale\n")
      let files = try EditorStubs.files(in: folder)
      #expect(files.map(\.isCurrent) == [false, false, false])
      let written = try EditorStubs.write(files)
      #expect(written.count == 3)
      #expect(try EditorStubs.files(in: folder).allSatisfy(\.isCurrent))
      #expect(try EditorStubs.write(try EditorStubs.files(in: folder)).isEmpty)
      #expect(try readFile(folder + "/types/coa.lua").hasPrefix("---@meta coa\n"))
    }
  }
}
