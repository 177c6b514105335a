// swift-tools-version:6.0
// coa: security remediation playbooks in sandboxed Lua 5.4, driven from Swift.
import PackageDescription

let package = Package(
  name: "coa",
  products: [
    .executable(name: "coa", targets: ["coa"]),
    .library(name: "PlaybookHost", targets: ["PlaybookHost"]),
  ],
  targets: [
    // lua.h, lauxlib.h and lualib.h of the system's Lua 5.4 (Debian: liblua5.4-dev).
    .systemLibrary(
      name: "CLua",
      pkgConfig: "lua5.4",
      providers: [.apt(["liblua5.4-dev"])]
    ),
    // What must be C: trampolines, protected calls, the counting allocator,
    // the limit hook and watchdog, the step-counted pattern matcher.
    .target(name: "CLuaShim", dependencies: ["CLua"]),
    // The JSON value type with ordered objects, and its text codec. No Lua.
    .target(name: "CoaJSON"),
    // One sandboxed Lua state behind a safe Swift face.
    .target(name: "LuaVM", dependencies: ["CLuaShim", "CoaJSON"]),
    // The SOAR model: incident, context, integrations, natives, report, runner.
    .target(name: "PlaybookHost", dependencies: ["LuaVM", "CoaJSON"]),
    // The command line.
    .executableTarget(name: "coa", dependencies: ["PlaybookHost", "CoaJSON"]),
    // Benchmarks with ratios against references measured in the same run.
    .executableTarget(name: "coa-bench", dependencies: ["PlaybookHost", "LuaVM", "CLuaShim"]),
    .testTarget(name: "CoaJSONTests", dependencies: ["CoaJSON"], exclude: ["Fixtures"]),
    .testTarget(name: "LuaVMTests", dependencies: ["LuaVM", "CLuaShim"]),
    .testTarget(name: "PlaybookHostTests", dependencies: ["PlaybookHost"]),
    // The command line's parsing and rendering, without running the binary.
    .testTarget(name: "CommandLineTests", dependencies: ["coa", "PlaybookHost", "CoaJSON"]),
    // The built coa binary on real files in temporary folders.
    .testTarget(name: "EndToEndTests", dependencies: ["CoaJSON"]),
  ],
  swiftLanguageModes: [.v6]
)
