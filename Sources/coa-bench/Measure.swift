#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Timing and printing for the benchmarks.
enum Measure {
  /// Seconds on the monotonic clock.
  static func now() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
  }

  /// The median over `rounds` rounds of the seconds one call of `body` takes, each round
  /// timing `iterations` calls.
  static func perCall(rounds: Int = 5, iterations: Int, _ body: () -> Void) -> Double {
    var samples: [Double] = []
    for _ in 0..<rounds {
      let start = now()
      for _ in 0..<iterations { body() }
      samples.append((now() - start) / Double(iterations))
    }
    return median(samples)
  }

  /// The median over `rounds` rounds of what `body` returns (a time it measured itself).
  static func median(rounds: Int = 5, _ body: () -> Double) -> Double {
    median((0..<rounds).map { _ in body() })
  }

  static func median(_ samples: [Double]) -> Double {
    let sorted = samples.sorted()
    return sorted[sorted.count / 2]
  }

  /// "123 ns", "4.56 µs", "7.89 ms" for a duration in seconds.
  static func duration(_ seconds: Double) -> String {
    if seconds < 1e-6 { return "\(fixed(seconds * 1e9, 0)) ns" }
    if seconds < 1e-3 { return "\(fixed(seconds * 1e6, 2)) µs" }
    return "\(fixed(seconds * 1e3, 2)) ms"
  }

  /// `value` with `digits` decimals.
  static func fixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    guard digits > 0 else { return String(Int(rounded)) }
    var text = String(rounded)
    if let dot = text.firstIndex(of: ".") {
      let decimals = text.distance(from: text.index(after: dot), to: text.endIndex)
      if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
    }
    return text
  }

  /// Prints one figure: its name padded, its text, and the ratio against its reference with
  /// the goal and whether it is met.
  static func report(_ name: String, _ text: String, ratio: Double? = nil, goal: Goal? = nil) {
    var line = name.padding(to: 34) + text
    if let ratio {
      line += "  ratio \(fixed(ratio, 2))x"
      if let goal { line += "  (goal \(goal.text): \(goal.isMet(ratio) ? "met" : "MISSED"))" }
    }
    print(line)
  }

  /// A goal on a ratio.
  enum Goal {
    case atMost(Double)
    case atLeast(Double)

    var text: String {
      switch self {
      case .atMost(let bound): return "<= \(fixed(bound, 2))x"
      case .atLeast(let bound): return ">= \(fixed(bound, 2))x"
      }
    }

    func isMet(_ ratio: Double) -> Bool {
      switch self {
      case .atMost(let bound): return ratio <= bound
      case .atLeast(let bound): return ratio >= bound
      }
    }
  }
}

extension String {
  /// The string padded with spaces to `width` characters.
  func padding(to width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
