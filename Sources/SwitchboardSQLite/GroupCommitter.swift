#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The writer thread's loop: batches from the queue, one transaction each.
///
/// Lives on the writer thread only, with the connection it owns.
struct GroupCommitter {
  let connection: SQLiteConnection
  let queue: WriteQueue

  /// Runs batches until the queue is closed and drained.
  func run() {
    while let batch = queue.nextBatch() {
      let start = threadCPUTime()
      commit(batch)
      let busy = threadCPUTime() - start
      queue.record { $0.busyTime += busy }
    }
  }

  /// The CPU time this thread has used so far.
  private func threadCPUTime() -> Duration {
    var now = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
    return .seconds(now.tv_sec) + .nanoseconds(now.tv_nsec)
  }

  /// The caller answers of one batch, delivered after the statistics are updated so a caller
  /// reading them after its write sees its batch counted.
  private struct Outcome {
    var answers: [() -> Void] = []
    var committed = 0
    var failed = 0
    var commits = 0
    var failedCommits = 0

    mutating func succeed(_ answer: @escaping () -> Void) {
      answers.append(answer)
      committed += 1
    }

    mutating func fail(_ write: PendingWrite, _ error: any Error) {
      answers.append { write.fail(error) }
      failed += 1
    }
  }

  /// A unit that ran and awaits COMMIT.
  private struct Done {
    let write: PendingWrite
    let answer: @Sendable () -> Void
  }

  /// Runs `batch` and answers every caller.
  ///
  /// First every unit in one transaction, without savepoints: a savepoint costs two statements
  /// per unit and a copy of every page the unit changes (the journal that rolling back to it
  /// needs), and units rarely fail. When one does, the transaction is rolled back, that unit
  /// gets its error (it failed on the state the units before it left, which the retry
  /// recreates), and the rest of the batch runs again, each unit in its own savepoint.
  private func commit(_ batch: [PendingWrite]) {
    var outcome = Outcome()
    let retry = runTogether(batch, &outcome)
    if !retry.isEmpty { runInSavepoints(retry, &outcome) }
    queue.record { statistics in
      statistics.commits += outcome.commits
      statistics.failedCommits += outcome.failedCommits
      statistics.committedWrites += outcome.committed
      statistics.failedWrites += outcome.failed
      statistics.largestBatch = max(statistics.largestBatch, batch.count)
    }
    for answer in outcome.answers { answer() }
  }

  /// The misuse a unit commits when it ends the batch's transaction itself.
  private static let endedTransaction = SQLiteError(
    code: .misuse,
    message: "a write ended the batch's transaction (COMMIT, ROLLBACK or END inside "
      + "write { }); the writes batched with it may or may not be committed. "
      + "Use savepoint { } to nest inside a write.")

  /// Runs the whole batch in one transaction with no savepoints and commits it. Returns the
  /// units to run again, in savepoints, when one failed (that one answered with its error).
  private func runTogether(_ batch: [PendingWrite], _ outcome: inout Outcome) -> [PendingWrite] {
    do {
      try connection.execute("BEGIN IMMEDIATE TRANSACTION")
    } catch {
      // Another process holds the write lock past the busy timeout, or the disk failed: the
      // whole batch would wait as long, so it fails now.
      for write in batch { outcome.fail(write, error) }
      return []
    }
    var done: [Done] = []
    for (index, write) in batch.enumerated() {
      let answer: @Sendable () -> Void
      do {
        answer = try write.run(connection)
      } catch {
        connection.rollbackIfOpen()
        outcome.fail(write, error)
        return Array(batch[..<index] + batch[(index + 1)...])
      }
      guard connection.isInTransaction else {
        // The units before it may or may not be committed: they are told so, not retried.
        for unit in done { outcome.fail(unit.write, Self.endedTransaction) }
        outcome.fail(write, Self.endedTransaction)
        return Array(batch[(index + 1)...])
      }
      done.append(Done(write: write, answer: answer))
    }
    finish(done, &outcome)
    return []
  }

  /// Runs `batch` in as few transactions as it allows (one, unless a unit ends the
  /// transaction), each unit in its own savepoint so that a failing one is rolled back alone.
  private func runInSavepoints(_ batch: [PendingWrite], _ outcome: inout Outcome) {
    var done: [Done] = []  // units of the open transaction that succeeded

    /// The open transaction is gone or must go: every unit in it fails with `error`.
    func abandonTransaction(_ error: any Error) {
      connection.rollbackIfOpen()
      for unit in done { outcome.fail(unit.write, error) }
      done = []
    }

    for (index, write) in batch.enumerated() {
      if !connection.isInTransaction {
        do {
          try connection.execute("BEGIN IMMEDIATE TRANSACTION")
        } catch {
          for rest in batch[index...] { outcome.fail(rest, error) }
          break
        }
      }
      do {
        try connection.execute("SAVEPOINT switchboard_write")
      } catch {
        outcome.fail(write, error)
        continue
      }
      let answer: @Sendable () -> Void
      do {
        answer = try write.run(connection)
      } catch {
        if connection.isInTransaction {
          // The usual case: roll back this unit alone.
          do {
            try connection.execute("ROLLBACK TO SAVEPOINT switchboard_write")
            try connection.execute("RELEASE SAVEPOINT switchboard_write")
            outcome.fail(write, error)
          } catch let rollbackError {
            outcome.fail(write, error)
            abandonTransaction(rollbackError)
          }
        } else {
          // SQLite rolled back the whole transaction (an I/O error, a full disk): the earlier
          // units' changes are gone with it.
          outcome.fail(write, error)
          abandonTransaction(error)
        }
        continue
      }
      guard connection.isInTransaction else {
        outcome.fail(write, Self.endedTransaction)
        abandonTransaction(Self.endedTransaction)
        continue
      }
      do {
        try connection.execute("RELEASE SAVEPOINT switchboard_write")
        done.append(Done(write: write, answer: answer))
      } catch {
        outcome.fail(write, error)
        abandonTransaction(error)
      }
    }
    finish(done, &outcome)
  }

  /// Commits the open transaction, whose units are `done`, and counts the outcome; rolls it
  /// back when no unit succeeded.
  private func finish(_ done: [Done], _ outcome: inout Outcome) {
    if done.isEmpty {
      connection.rollbackIfOpen()  // every unit failed: nothing to commit
    } else {
      do {
        try connection.execute("COMMIT TRANSACTION")
        outcome.commits += 1
        for unit in done { outcome.succeed(unit.answer) }
      } catch {
        outcome.failedCommits += 1
        for unit in done { outcome.fail(unit.write, error) }
        connection.rollbackIfOpen()
      }
    }
  }
}
