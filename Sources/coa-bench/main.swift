import Glibc
import PlaybookHost

let args = CommandLine.arguments
if args.count >= 4, args[1] == "batch" {
  let playbook = try Playbook.load(path: args[2])
  let integrations = try Integrations(fileBytes: try FileSystem.read(args[3]))
  let jobs = args.count > 4 ? Int(args[4]) : nil
  let runner = BatchRunner(playbook: playbook, integrations: integrations, jobs: jobs)
  let summary = try runner.run(input: 0, output: 1)
  let line = "\(summary.counts) \(summary.elapsed) s \(summary.rate)/s\n"
  _ = line.withCString { write(2, $0, strlen($0)) }
}
