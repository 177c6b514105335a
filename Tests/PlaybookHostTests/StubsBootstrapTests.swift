import Testing
@testable import PlaybookHost

@Test func bootstrapStubs() throws {
  let files = try EditorStubs.files(in: shippedPlaybooks)
  print(try EditorStubs.write(files))
}
