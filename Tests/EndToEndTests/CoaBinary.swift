import Foundation

/// The built `coa` executable the end-to-end tests run.
///
/// It is found next to the test bundle, in the same build products folder (so
/// `swift test --scratch-path X` runs the `coa` built under X); `COA_BINARY` overrides it, and
/// `.build/debug/coa` of the checkout is the last resort.
enum CoaBinary {
  /// The path of the executable, or nil when none was found.
  static let path: String? = locate()

  /// The repository root, from this file's path.
  static let repository: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  // MARK: - Internals

  private static func locate() -> String? {
    let files = FileManager.default
    if let override = ProcessInfo.processInfo.environment["COA_BINARY"] {
      return files.isExecutableFile(atPath: override) ? override : nil
    }
    for start in testExecutables() {
      // Linux: <products>/coaPackageTests.xctest is the executable itself. macOS:
      // <products>/coaPackageTests.xctest/Contents/MacOS/coaPackageTests. Walk up a few levels.
      var folder = start.deletingLastPathComponent()
      for _ in 0..<4 {
        let candidate = folder.appendingPathComponent("coa").path
        var isFolder: ObjCBool = false
        if files.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue,
          files.isExecutableFile(atPath: candidate)
        {
          return candidate
        }
        folder = folder.deletingLastPathComponent()
      }
    }
    let fallback = repository.appendingPathComponent(".build/debug/coa").path
    return files.isExecutableFile(atPath: fallback) ? fallback : nil
  }

  /// Where the running test executable may be: /proc/self/exe, Bundle.main, argv[0].
  private static func testExecutables() -> [URL] {
    var urls: [URL] = []
    if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      urls.append(URL(fileURLWithPath: resolved))
    }
    if let executable = Bundle.main.executableURL { urls.append(executable) }
    urls.append(URL(fileURLWithPath: Bundle.main.bundlePath).appendingPathComponent("x"))
    if let first = CommandLine.arguments.first { urls.append(URL(fileURLWithPath: first)) }
    return urls
  }
}
