#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A pthread mutex with one condition variable (Foundation's locks cost start-up time).
final class BatchLock: @unchecked Sendable {
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

  init() {
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(condition, nil)
  }

  deinit {
    pthread_cond_destroy(condition)
    pthread_mutex_destroy(mutex)
    condition.deallocate()
    mutex.deallocate()
  }

  func lock() { pthread_mutex_lock(mutex) }

  func unlock() { pthread_mutex_unlock(mutex) }

  /// Waits for `broadcast`; call with the lock held.
  func wait() { pthread_cond_wait(condition, mutex) }

  /// Wakes every waiter.
  func broadcast() { pthread_cond_broadcast(condition) }

  /// Runs `body` with the lock held.
  func withLock<Result>(_ body: () throws(FileError) -> Result) throws(FileError) -> Result {
    lock()
    defer { unlock() }
    return try body()
  }
}

/// Threads for the batch's workers, on pthreads.
enum BatchThreads {
  private final class Start {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
  }

  /// Runs `body` on `count` new threads and on the calling thread, and returns once all
  /// have finished. When a thread cannot be made, its share runs on the others.
  static func run(extra count: Int, _ body: @escaping @Sendable () -> Void) {
    var threads: [pthread_t] = []
    for _ in 0..<count {
      let start = Unmanaged.passRetained(Start(body)).toOpaque()
      var thread = pthread_t()
      let status = pthread_create(
        &thread, nil,
        { context in
          guard let context else { return nil }
          Unmanaged<Start>.fromOpaque(context).takeRetainedValue().body()
          return nil
        }, start)
      if status == 0 {
        threads.append(thread)
      } else {
        Unmanaged<Start>.fromOpaque(start).release()
      }
    }
    body()
    for thread in threads { pthread_join(thread, nil) }
  }
}
