import CoaJSON
import Foundation
import Testing

/// What one run of the binary did.
struct Outcome {
  /// The exit status.
  let code: Int32
  /// Everything written to stdout.
  let stdout: String
  /// Everything written to stderr.
  let stderr: String

  /// stdout parsed as JSON.
  func json() throws -> JSONValue {
    try JSONParser.parse(stdout)
  }
}

/// A fresh temporary folder for one test, with the files it copies in, where the binary
/// runs with that folder as its working directory.
final class Workspace {
  /// The folder.
  let url: URL

  /// A new empty folder under the system's temporary folder.
  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("coa-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }

  /// Copies `examples/<name>` in, under `name` or `as`.
  func copyExample(_ name: String, as target: String? = nil) throws {
    let source = CoaBinary.repository.appendingPathComponent("examples").appendingPathComponent(
      name)
    try FileManager.default.copyItem(at: source, to: path(target ?? name))
  }

  /// Copies the shipped T1569.002 playbook in as `playbooks/T1569.002.lua`; only that one,
  /// so that messages listing the known techniques stay the same as playbooks are added.
  func copyPlaybooks() throws {
    let source = CoaBinary.repository.appendingPathComponent("playbooks/T1569.002.lua")
    try FileManager.default.createDirectory(
      at: path("playbooks"), withIntermediateDirectories: false)
    try FileManager.default.copyItem(at: source, to: path("playbooks/T1569.002.lua"))
  }

  /// Writes `text` to `name`.
  func write(_ name: String, _ text: String) throws {
    try Data(text.utf8).write(to: path(name))
  }

  /// The bytes of `name`.
  func bytes(_ name: String) throws -> Data {
    try Data(contentsOf: path(name))
  }

  /// The JSON document in `name`.
  func json(_ name: String) throws -> JSONValue {
    try JSONParser.parse([UInt8](try bytes(name)))
  }

  /// Whether `name` exists.
  func exists(_ name: String) -> Bool {
    FileManager.default.fileExists(atPath: path(name).path)
  }

  /// The names in the folder, sorted.
  func names() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
  }

  /// The URL of `name` in the folder.
  func path(_ name: String) -> URL {
    url.appendingPathComponent(name)
  }

  /// Runs the binary with `arguments` in this folder; stdout and stderr go to files outside
  /// it, so that pipes cannot fill up and the folder holds only what coa wrote.
  func run(_ arguments: [String]) throws -> Outcome {
    let binary = try #require(CoaBinary.path, "the coa executable was not built")
    let capture = url.deletingLastPathComponent()
      .appendingPathComponent("coa-e2e-out-\(UUID().uuidString)")
    let outURL = capture.appendingPathExtension("stdout")
    let errURL = capture.appendingPathExtension("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: outURL)
      try? FileManager.default.removeItem(at: errURL)
    }

    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = arguments
    process.currentDirectoryURL = url
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    try process.run()
    process.waitUntilExit()

    return Outcome(
      code: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
  }
}
