/// The writer thread's loop: batches from the queue, one transaction each.
///
/// Lives on the writer thread only, with the connection it owns.
struct GroupCommitter {
  let connection: SQLiteConnection
  let queue: WriteQueue

  /// Runs batches until the queue is closed and drained.
  func run() {
    while let batch = queue.nextBatch() {
      commit(batch)
    }
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

  /// Runs `batch` in as few transactions as it allows (one, unless a unit ends the
  /// transaction), each unit in its own savepoint, and answers every caller.
  private func commit(_ batch: [PendingWrite]) {
    var outcome = Outcome()
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
          // Another process holds the write lock past the busy timeout, or the disk failed:
          // the rest of the batch would wait as long, so it fails now.
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
        let error = SQLiteError(
          code: .misuse,
          message: "a write ended the batch's transaction (COMMIT, ROLLBACK or END inside "
            + "write { }); the writes batched with it may or may not be committed. "
            + "Use savepoint { } to nest inside a write.")
        outcome.fail(write, error)
        abandonTransaction(error)
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

    if done.isEmpty {
      connection.rollbackIfOpen()  // every unit failed: nothing to commit
    } else {
      do {
        try connection.execute("COMMIT TRANSACTION")
        outcome.commits += 1
        for unit in done { outcome.succeed(unit.answer) }
      } catch {
        outcome.failedCommits += 1
        abandonTransaction(error)
      }
    }

    queue.record { statistics in
      statistics.commits += outcome.commits
      statistics.failedCommits += outcome.failedCommits
      statistics.committedWrites += outcome.committed
      statistics.failedWrites += outcome.failed
      statistics.largestBatch = max(statistics.largestBatch, batch.count)
    }
    for answer in outcome.answers { answer() }
  }
}
