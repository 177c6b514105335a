extension SetGridFieldNative {
  /// SetGridField's documentation.
  public static let doc = NativeDoc(
    name: NativeFunction.setGridField.name,
    summary: "Fills a grid field of the incident with rows built from a context path.",
    arguments: [
      .init(
        name: "grid_id", type: .string, isRequired: true,
        summary: "The grid field; \"-\", \"_\", spaces and apostrophes are deleted and the"
          + " rest lowercased (\"Handled Techniques\" is handledtechniques)."),
      .init(
        name: "context_path", type: .string, isRequired: true,
        summary: "The context path holding the rows' data, such as Handled.Techniques."),
      .init(
        name: "columns", type: .list, isRequired: true,
        summary: "The grid's columns, in order; only ASCII letters, digits and _ are kept,"
          + " lowercased (\"E-mail Address\" is emailaddress)."),
      .init(
        name: "keys", type: .list, defaultValue: "*",
        summary: "The keys to take from each object, one per column; * takes the first"
          + " keys of each object, as many as there are columns."),
      .init(
        name: "overwrite", type: .boolean, defaultValue: "true",
        summary: "false keeps the grid's rows after the new ones."),
      .init(
        name: "sort_by", type: .list,
        summary: "Columns to sort by, ascending, most significant first; normalised like"
          + " columns."),
      .init(
        name: "unpack_nested_elements", type: .boolean, defaultValue: "false",
        summary: "true walks a nested object into rows of key (column 1) and value"
          + " (column 2)."),
      .init(
        name: "keys_from_nested", type: .list, defaultValue: "*",
        summary: "The keys of nested objects shown in a cell as \"key: value\" lines."),
    ],
    positional: ["grid_id", "context_path", "columns"],
    returns: [.init(type: "table", summary: "The grid's new rows.")],
    effects: [
      "Replaces the whole grid value in the incident's CustomFields; writes no context.",
      "War room: Grid <grid id> set from <context path> (<n> rows)",
      "An unknown sort_by column sorts nothing and adds a warning to the run report.",
    ],
    errors: [
      "grid_id, context_path or columns missing; a boolean argument not true, yes, false or"
        + " no.",
      "keys and columns differ in number; \"*\" among other keys; a column name with no"
        + " letter, digit or _.",
      "grid not found: the incident's CustomFields has no field under the normalised id.",
      "The context path holds nothing, a scalar, a list mixing objects with other values,"
        + " or a list of values holding a list; the message names the path and what it found.",
      "unpack_nested_elements with a path that is not an object; a key/value shape with"
        + " fewer than two columns.",
      "A sort column mixing numbers, strings and booleans, or holding a list or an object.",
    ],
    differences: [
      "sort_by is normalised like columns (XSOAR does not, so there \"First Name\" never"
        + " sorts); an unknown sort column is reported as a warning.",
      "Integers stay integers (XSOAR's pandas turns some into floats).",
      "Nested values render booleans as true/false and null as nothing (XSOAR shows Python's"
        + " True and None), and list elements are joined without XSOAR's stray leading line"
        + " break.",
      "A null in a list of values gives an empty row (XSOAR refuses the list).",
      "Writing to a grid the incident lacks is always an error (XSOAR SaaS checks only"
        + " after writing).",
    ])
}
