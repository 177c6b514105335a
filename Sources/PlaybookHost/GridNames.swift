/// How SetGridField normalises names. The two rules differ on purpose, as in XSOAR.
public enum GridNames {
  /// The grid field's machine name: "-", "_", spaces and apostrophes deleted, then
  /// lowercased. "Handled Techniques", "handled_techniques" and "HandledTechniques" all give
  /// "handledtechniques".
  public static func gridID(_ name: String) -> String {
    let deleted: Set<Character> = ["-", "_", " ", "'"]
    return String(name.filter { !deleted.contains($0) }).lowercased()
  }

  /// A column's name: only ASCII letters, digits and "_" kept, then lowercased.
  /// "Column_Name" gives "column_name"; "E-mail Address" gives "emailaddress".
  public static func column(_ name: String) -> String {
    let kept = name.unicodeScalars.filter { scalar in
      scalar.isASCII
        && (scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
          || ("0"..."9").contains(scalar))
    }
    return String(String.UnicodeScalarView(kept)).lowercased()
  }
}
