import PlaybookHost

/// `coa check FILE...`: compiles each playbook and validates its header without running
/// its body.
///
/// A folder stands for the .lua files directly in it. Each good file gets a line
/// "ok FILE (...)" on stdout; each problem one line on stderr naming the file and, when
/// known, the line. Any problem makes the exit code 1.
struct CheckCommand {
  /// The files and folders to check.
  let paths: [String]

  /// Runs the command and returns the exit code.
  func execute() -> ExitCode {
    var problems = 0
    for path in paths {
      let files: [String]
      do {
        files = try Self.files(at: path)
      } catch {
        Console.errorLine(error.description)
        problems += 1
        continue
      }
      if files.isEmpty {
        Console.errorLine("\(path): no .lua files in this folder")
        problems += 1
      }

      for file in files {
        do {
          let playbook = try Playbook.load(path: file)
          Console.out("ok \(file) (\(Self.summary(playbook)))\n")
        } catch {
          Console.errorLine(error.description)
          problems += 1
        }
      }
    }
    return ExitCode(problemsFound: problems > 0)
  }

  // MARK: - Internals

  /// `path` itself, or the .lua files directly in it when it is a folder.
  private static func files(at path: String) throws(FileError) -> [String] {
    guard FileSystem.isDirectory(path) else { return [path] }
    let prefix = path.hasSuffix("/") ? path : path + "/"
    return try FileSystem.list(path).filter { $0.hasSuffix(".lua") }.map { prefix + $0 }
  }

  /// "id T1569.002; techniques T1569.002, T1035", or what an ad-hoc script is.
  private static func summary(_ playbook: Playbook) -> String {
    guard let header = playbook.header else { return "ad-hoc script without a header" }
    return "id \(header.id); techniques \(header.techniques.joined(separator: ", "))"
  }
}
