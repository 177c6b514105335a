/// Something a native did that the playbook author should know about, though it did not fail.
///
/// Warnings become entries of the run report. `message` (in `HostError+Message.swift`) words
/// them.
public enum HostWarning: Hashable, Sendable {
  /// SetGridField's sort_by named columns the grid does not have, so nothing was sorted.
  case unknownSortColumns([String])
  /// SetGridField with keys * found more distinct keys in the rows than there are columns;
  /// the keys past the last column were left out.
  case keysWithoutColumn(path: String, keys: [String])
}
