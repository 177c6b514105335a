import LuaVM

/// The limits every run is held to (wall time, memory, instructions), under the name the
/// command line uses; callers of PlaybookHost need not import LuaVM to set them.
public typealias RunLimits = LuaLimits
