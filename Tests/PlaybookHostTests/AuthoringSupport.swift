import Foundation

@testable import PlaybookHost

/// The repository this test file is in.
let repositoryRoot: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.path
}()

/// The shipped playbooks folder.
let shippedPlaybooks = repositoryRoot + "/playbooks"

/// A fresh temporary folder, removed when `body` returns.
func withTemporaryFolder<T>(_ body: (String) throws -> T) throws -> T {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("coa-authoring-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: path) }
  return try body(path)
}

/// Writes `text` to `path`, creating its folder.
func writeFile(_ path: String, _ text: String) throws {
  let folder = (path as NSString).deletingLastPathComponent
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  try text.write(toFile: path, atomically: true, encoding: .utf8)
}

/// The text of the file at `path`.
func readFile(_ path: String) throws -> String {
  try String(contentsOfFile: path, encoding: .utf8)
}
