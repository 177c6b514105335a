extension HelpText {
  static let stubs = """
    USAGE
      coa stubs [--playbooks DIR] [--check]

    Writes what editors and luacheck need into the playbooks folder, generated from coa's
    native registry and sandbox: types/coa.lua (lua-language-server definitions),
    .luarc.json, .luacheckrc (exactly the sandbox's globals) and the generated reference
    section of README.md (only when README.md has its markers). Files already current are
    left alone.

    OPTIONS
      --playbooks DIR          the folder; by default the shipped playbooks folder
                               (see coa run --help)
      --check                  write nothing; exit 1 when a file is out of date
      -h, --help               show this text

    """ + exitCodes

  static let test = """
    USAGE
      coa test [PATH...]

    Runs the test scenarios of playbooks and prints "PASS PLAYBOOK SCENARIO" or
    "FAIL PLAYBOOK SCENARIO" followed by each expectation that did not hold, with the
    actual value. The scenarios of DIR/NAME.lua are the .json files in DIR/tests/NAME/
    (see the authors' guide, playbooks/README.md).

    PATH is a playbooks folder (every playbook with a header in it), a playbook file, or
    one scenario file; without PATH, the shipped playbooks folder.

    Exit 1 when a scenario fails or a playbook has no scenario; exit 2 when a playbook or
    a scenario cannot be read.

    """ + exitCodes

  static let new = """
    USAGE
      coa new TECHNIQUE --name NAME [--phase PHASE] [--playbooks DIR]

    Writes DIR/TECHNIQUE.lua, a playbook for TECHNIQUE modelled on the shipped ones
    (an XDR check, a manual task to describe, Handled.Techniques and the grid), and
    DIR/tests/TECHNIQUE/xdr-available.json, a scenario it passes. Never overwrites: when
    either file exists, nothing is written and the exit code is 2.

    OPTIONS
      --name NAME              the playbook's display name, as in XSOAR
      --phase PHASE            its kill chain phase (default: Unknown, to be changed)
      --playbooks DIR          the folder; by default the shipped playbooks folder
      -h, --help               show this text

    """ + exitCodes
}
