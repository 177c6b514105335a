import Testing

@testable import PlaybookHost

@Suite("SetGridField names")
struct GridNamesTests {
  @Test(
    "grid ids: delete - _ spaces and apostrophes, then lowercase",
    arguments: [
      ("Handled Techniques", "handledtechniques"),
      ("handled_techniques", "handledtechniques"),
      ("HandledTechniques", "handledtechniques"),
      ("handled-techniques", "handledtechniques"),
      ("Analyst's Notes", "analystsnotes"),
      ("E-mail Address!", "emailaddress!"),
      ("ÜberGrid", "übergrid"),
    ])
  func gridIDs(name: String, expected: String) {
    #expect(GridNames.gridID(name) == expected)
  }

  @Test(
    "columns: keep ASCII letters, digits and _, then lowercase",
    arguments: [
      ("Column_Name", "column_name"),
      ("E-mail Address", "emailaddress"),
      ("technique", "technique"),
      ("First Name", "firstname"),
      ("IP v4 #1", "ipv41"),
      ("Über's", "bers"),
      ("!!", ""),
    ])
  func columns(name: String, expected: String) {
    #expect(GridNames.column(name) == expected)
  }

  @Test("the two rules differ on purpose")
  func rulesDiffer() {
    #expect(GridNames.gridID("my_grid") == "mygrid")
    #expect(GridNames.column("my_grid") == "my_grid")
  }
}
