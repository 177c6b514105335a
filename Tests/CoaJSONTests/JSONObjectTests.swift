import CoaJSON
import Testing

@Suite struct JSONObjectTests {
  @Test func setGetRemoveKeepOrder() {
    var object = JSONObject()
    #expect(object.isEmpty)
    object["b"] = 1
    object["a"] = 2
    object["c"] = 3
    object["a"] = 20
    #expect(object.keys == ["b", "a", "c"])
    #expect(object.values == [1, 20, 3])
    #expect(object.index(forKey: "c") == 2)
    object["b"] = nil
    #expect(object.keys == ["a", "c"])
    #expect(object.removeValue(forKey: "a") == 20)
    #expect(object.removeValue(forKey: "a") == nil)
    object.appendNew(key: "d", value: "x")
    #expect(Array(object.map(\.0)) == ["c", "d"])
    #expect(object.count == 2)
    #expect(object["missing"] == nil)
  }

  @Test func equalityIsOrderSensitive() {
    var first = JSONObject()
    first["a"] = 1
    first["b"] = 2
    var second = JSONObject()
    second["b"] = 2
    second["a"] = 1
    #expect(first != second)
    second["b"] = nil
    second["b"] = 2
    #expect(first == second)
    #expect(first.hashValue == second.hashValue)
  }

  @Test func keysAreComparedByTheirBytes() {
    var object = JSONObject()
    object["\u{E9}"] = 1
    object["e\u{301}"] = 2
    #expect(object.count == 2)
    #expect(object["\u{E9}"] == 1)
    #expect(object["e\u{301}"] == 2)
  }

  @Test func largeObjectSetGetRemove() {
    let count = 5_000
    let clock = ContinuousClock()
    let elapsed = clock.measure {
      var object = JSONObject()
      for index in 0..<count { object["key\(index)"] = .int(Int64(index)) }
      #expect(object.count == count)
      for index in 0..<count where object["key\(index)"] != .int(Int64(index)) {
        Issue.record("wrong value for key\(index)")
      }
      for index in stride(from: 0, to: count, by: 2) {
        #expect(object.removeValue(forKey: "key\(index)") == .int(Int64(index)))
      }
      #expect(object.count == count / 2)
      #expect(object.keys == stride(from: 1, to: count, by: 2).map { "key\($0)" })
      for index in stride(from: 1, to: count, by: 2) {
        #expect(object.index(forKey: "key\(index)") == index / 2)
      }
      object["key0"] = "back"
      #expect(object.keys.last == "key0")
      #expect(object.index(forKey: "key0") == count / 2)
      object["key1"] = "replaced"
      #expect(object.index(forKey: "key1") == 0)
    }
    // A linear search per operation would take far longer than this.
    #expect(elapsed < .seconds(10))
  }

  @Test(arguments: [(60, 20_000), (400, 40_000)])
  func randomOperationsMatchAReferenceModel(keyCount: Int, steps: Int) {
    var random = SplitMix64(seed: UInt64(keyCount))
    var object = JSONObject()
    var model: [(String, JSONValue)] = []
    for step in 0..<steps {
      let key = "k\(Int.random(in: 0..<keyCount, using: &random))"
      let existing = model.firstIndex { $0.0 == key }
      switch Int.random(in: 0..<10, using: &random) {
      case 0..<5:
        let value = JSONValue.int(Int64(step))
        object[key] = value
        if let existing { model[existing].1 = value } else { model.append((key, value)) }
      case 5..<8:
        let removed = object.removeValue(forKey: key)
        #expect(removed == existing.map { model[$0].1 })
        if let existing { model.remove(at: existing) }
      default:
        #expect(object.index(forKey: key) == existing)
        #expect(object[key] == existing.map { model[$0].1 })
      }
      #expect(object.count == model.count)
    }
    #expect(object.keys == model.map(\.0))
    #expect(object.values == model.map(\.1))
    for (position, (key, _)) in model.enumerated() where object.index(forKey: key) != position {
      Issue.record("\(key) is not at \(position)")
    }
  }

  @Test func removingFromTheEndThenTheMiddle() {
    var object = JSONObject()
    for index in 0..<100 { object["k\(index)"] = .int(Int64(index)) }
    object["k99"] = nil
    object["k98"] = nil
    object["k100"] = 100
    object["k10"] = nil
    object["k101"] = 101
    object["k0"] = nil
    #expect(object.count == 98)
    #expect(object.index(forKey: "k1") == 0)
    #expect(object.index(forKey: "k11") == 9)
    #expect(object.index(forKey: "k97") == 95)
    #expect(object.index(forKey: "k100") == 96)
    #expect(object.index(forKey: "k101") == 97)
    #expect(object["k98"] == nil && object["k10"] == nil)
  }

  @Test func appendingAPresentKeyStaysConsistent() {
    for size in [3, 40] {
      var object = JSONObject()
      for index in 0..<size { object.appendNew(key: "k\(index)", value: .int(Int64(index))) }
      object.appendNew(key: "k1", value: "twice")
      #expect(object.count == size + 1)
      #expect(object["k1"] == 1)
      #expect(object.removeValue(forKey: "k1") == 1)
      #expect(object["k1"] == "twice")
      #expect(object.removeValue(forKey: "k1") == "twice")
      #expect(object["k1"] == nil)
      #expect(object.count == size - 1)
      #expect(object["k2"] == 2)
    }
  }

  @Test func objectsStayTwoWordsWide() {
    #expect(MemoryLayout<JSONObject>.size == 2 * MemoryLayout<Int>.size)
  }

  @Test func copiesAreIndependent() {
    var original = JSONObject()
    for index in 0..<40 { original["k\(index)"] = .int(Int64(index)) }
    var copy = original
    copy["k3"] = nil
    copy["new"] = true
    #expect(original.count == 40)
    #expect(original["k3"] == 3)
    #expect(original["new"] == nil)
    #expect(copy.index(forKey: "k4") == 3)
    #expect(copy["new"] == true)
  }
}
