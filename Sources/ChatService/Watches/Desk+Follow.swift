extension Desk {
  /// What every watch does (inbox, chat, outbox): reads what is new after `start`, and again
  /// after every wake-up from the hub, until the caller is cancelled or the server stops. The
  /// table is the record, the hub only says when to look. `catchUp` is given the sequence
  /// number read up to and returns the one it read up to now (the same when nothing was new),
  /// and whether it stopped at its page size and should run again at once.
  ///
  /// Subscribing before the first catch-up means nothing committed in between is missed; a
  /// watcher the hub dropped for being slow subscribes again and catches up from the table.
  /// Wake-ups for entries a catch-up already read are skipped: one read serves every change
  /// committed before it, however many wake-ups they queued meanwhile.
  ///
  /// After the maintenance pass's wake-up (``EventHub/wakeAll(_:)``), `bookmark` is given the
  /// position read up to when it is past the last event sent: a quiet watcher learns how far
  /// it has everything, so that resuming later starts from there rather than from its last
  /// event, which pruning may have passed.
  func follow(
    _ log: EventHub.Log, workspaceID: Int64, chatID: Int64? = nil, from start: Int64,
    bookmark: (Int64) async throws -> Void = { _ in },
    _ catchUp: (Int64) async throws -> (last: Int64, more: Bool, sent: Int64?)
  ) async throws {
    var last = start
    // Where the client would resume from: the last event or bookmark sent, or where it started.
    var told = start
    // The chat log's open watches hold back its pruning (the outbox is not pruned).
    let position = log == .chats ? watchPositions.open(at: start) : nil
    defer { if let position { watchPositions.close(position) } }
    func read() async throws {
      var more = true
      while more {
        let caughtUp = try await catchUp(last)
        (last, more, told) = (caughtUp.last, caughtUp.more, caughtUp.sent ?? told)
      }
      if let position { watchPositions.move(position, to: last) }
    }
    while !Task.isCancelled {
      let wakeUps = hub.subscribe(log, workspaceID: workspaceID, chatID: chatID)
      try await read()
      for await entry in wakeUps where entry.sequence > last {
        try await read()
        if entry.isWakeUpCall, last > told {
          try await bookmark(last)
          told = last
        }
      }
      // The server is stopping: end the watch normally; the caller resumes elsewhere.
      if hub.isClosed { return }
    }
    throw CancellationError()
  }
}

extension Desk {
  /// Where a watch of `log` starts: after the caller's `after`, or live (after `newest`, the
  /// log's newest sequence) without one. A position past the newest was never sent by this
  /// server (sequences only grow, and neither pruning nor delivery takes the newest): a
  /// client holding one has state from elsewhere, a restored backup or another server, and
  /// would otherwise wait for it and miss everything meanwhile.
  static func start(of log: EventHub.Log, after: Int64?, newest: Int64) throws(ServiceError) -> Int64 {
    guard let after else { return newest }
    guard after <= newest else {
      let (name, advice) =
        switch log {
        case .chats: ("the watch log's", "Reload the chats (ListChats, GetChat) and watch again without after_sequence")
        case .outbox: ("the outbox's", "Watch again from 0 to be handed every pending item")
        }
      throw .outOfRange("after_sequence \(after) is past \(name) newest sequence \(newest): it was not sent by this server. \(advice)")
    }
    return max(after, 0)
  }
}
