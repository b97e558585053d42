extension Desk {
  /// What every watch does (inbox, chat, outbox): runs `catchUp` now and again after every
  /// wake-up from the hub, until the caller is cancelled or the server stops. The table is the
  /// record, the hub only says when to look. `catchUp` returns true when it stopped at its page
  /// size and should run again at once.
  ///
  /// Subscribing before the first catch-up means nothing committed in between is missed; a
  /// watcher the hub dropped for being slow subscribes again and catches up from the table.
  func follow(_ log: EventHub.Log, workspaceID: Int64, _ catchUp: () async throws -> Bool) async throws {
    while !Task.isCancelled {
      let wakeUps = hub.subscribe(log, workspaceID: workspaceID)
      while try await catchUp() {}
      for await _ in wakeUps {
        while try await catchUp() {}
      }
      // The server is stopping: end the watch normally; the caller resumes elsewhere.
      if hub.isClosed { return }
    }
    throw CancellationError()
  }
}
