/// The texts of --help and --version.
enum HelpText {
  /// What --version prints.
  static let version = "coa 0.1.0"

  /// The help for `command`, or the overview when nil; ends with a newline.
  static func text(for command: CommandName?) -> String {
    switch command {
    case nil, .help?: return overview
    case .run?: return run
    case .list?: return list
    case .check?: return check
    case .batch?: return batch
    case .test?: return test
    case .new?: return new
    case .stubs?: return stubs
    }
  }

  // MARK: - Texts

  static let exitCodes =
    "EXIT CODES\n" + ExitCode.allCases.map { "  " + $0.helpLine }.joined(separator: "\n") + "\n"

  static let overview = """
    coa: run security remediation playbooks (MITRE ATT&CK courses of action) written in
    sandboxed Lua, with the outcome Cortex XSOAR would give and a record of what happened.

    USAGE
      coa run PLAYBOOK --incident FILE [--integrations FILE] [options]
      coa list [--playbooks DIR] [--format text|json]
      coa check FILE|DIR...
      coa batch PLAYBOOK [--integrations FILE] [--jobs N] [--input FILE] [--output FILE]
      coa test [PATH...]
      coa new TECHNIQUE --name NAME [--phase PHASE] [--playbooks DIR]
      coa stubs [--playbooks DIR] [--check]
      coa help [COMMAND]
      coa --version

    COMMANDS
      run     run a playbook (a path, or a technique ID such as T1569.002) on an incident
      list    list the playbooks of a folder with their id, name and techniques
      check   compile playbooks and validate their headers without running them
      batch   run a playbook over many incidents (JSON lines), one report line each
      test    run the test scenarios of playbooks: PASS or FAIL with what differed
      new     write a new playbook for a technique, with a scenario to start from
      stubs   write the editor definitions and luacheck configuration of a playbooks folder
      help    show this text, or the help of a command (also: coa COMMAND --help)

    """ + "\n" + limits + "\n" + exitCodes

  static let run = """
    USAGE
      coa run PLAYBOOK --incident FILE [--integrations FILE] [--playbooks DIR]
              [--output FILE | --in-place] [--format text|json]
              [--time-limit SECONDS] [--memory-limit MIB] [--instruction-limit N]

    Runs PLAYBOOK against the incident in FILE and prints the report.

    PLAYBOOK is a path when it contains "/", ends with .lua or names an existing file;
    otherwise it is a technique ID (T1569.002, T1035), looked up in the headers of the
    playbooks in --playbooks DIR.

    OPTIONS
      --incident FILE          the incident (a JSON object); read, never changed unless
                               --in-place is given
      --integrations FILE      the configured integration instances (JSON); none when absent
      --playbooks DIR          where technique IDs are looked up; by default the playbooks
                               folder of the checkout coa was built in (found by walking up
                               from the executable to a folder holding Package.swift and
                               playbooks/), else ./playbooks
      --output FILE            write the incident after the run to FILE (atomically); FILE
                               must not be the incident file
      --in-place               replace the incident file with the incident after the run
                               (atomically)
      --format text|json       text: a timeline to read; json: one JSON object with status,
                               playbook, entries, manualTasks, error, incident, durationMs.
                               Default: text when stdout is a terminal, json otherwise
      --time-limit SECONDS     wall-clock limit of the run, or none (default 5)
      --memory-limit MIB       memory limit of the Lua state, or none (default 64)
      --instruction-limit N    Lua VM instruction budget, or none (default none)
      -h, --help               show this text

    Without --output or --in-place the incident after the run is only part of the report.
    It is written whether the run completes or fails: it holds what the playbook did.

    """ + "\n" + limits + "\n" + exitCodes

  static let list = """
    USAGE
      coa list [--playbooks DIR] [--format text|json]

    Lists the playbooks in DIR (*.lua directly in it) that have a header: id, techniques,
    path and name. Files that fail to load are reported on stderr, one line each.

    OPTIONS
      --playbooks DIR          the folder; by default the shipped playbooks folder
                               (see coa run --help)
      --format text|json       default: text when stdout is a terminal, json otherwise
      -h, --help               show this text

    """ + "\n" + exitCodes

  static let check = """
    USAGE
      coa check FILE|DIR...

    Compiles each playbook and validates its header (fields, types and order) without
    running its body. A folder stands for the .lua files directly in it. Prints
    "ok FILE (...)" on stdout for each good file and one line per problem on stderr,
    naming the file and the line.

    """ + "\n" + exitCodes

  static let batch = """
    USAGE
      coa batch PLAYBOOK [--integrations FILE] [--jobs N] [--input FILE] [--output FILE]
                [--playbooks DIR]
                [--time-limit SECONDS] [--memory-limit MIB] [--instruction-limit N]

    Runs PLAYBOOK (a path or a technique ID, as for coa run) over incidents read as JSON
    lines, one incident document per line, and writes one JSON line per incident, in input
    order: the document coa run --format json prints, with "line" (the input line number)
    first. A line that is not an incident gives {"line", "status": "invalid", "error"};
    a run that fails or hits a limit gives its document with "status": "failed". Either
    way the batch goes on. Blank lines are skipped. Each incident runs in a fresh sandboxed
    state: nothing from one incident reaches another.

    Input is read as it comes and records are written as they complete, so memory stays
    flat however long the input. A summary goes to stderr at the end, and a progress line
    while stderr is a terminal.

    OPTIONS
      --integrations FILE      the configured integration instances (JSON); none when absent
      --jobs N                 worker threads, 1 to 256 (default: the number of cores)
      --input FILE             the JSON lines to read (default: stdin)
      --output FILE            where the records go, replaced (default: stdout); must not
                               be the --input file
      --playbooks DIR          where technique IDs are looked up (see coa run --help)
      --time-limit SECONDS     wall-clock limit of each run, or none (default 5)
      --memory-limit MIB       memory limit of each run's Lua state, or none (default 64)
      --instruction-limit N    Lua VM instruction budget of each run, or none
      -h, --help               show this text

    """ + limits + "\n" + exitCodes

  static let limits = """
    LIMITS
      Every run holds to a wall-clock time limit (default 5 s), a memory limit
      (default 64 MiB) and an optional instruction budget (default none). A breach ends
      the run as failed (exit 1); a playbook cannot catch it with pcall.

    """
}
