import SwitchboardChatClient
import SwitchboardRPC
import SwitchboardSQLite

/// Desk metrics from the episodes table: one row per episode of a chat (opened, reopened after
/// a resolve or from History), so a chat resolved and reopened counts per episode, and agent
/// measures start at acceptance, never counting bot time.
struct MetricsProvider: MetricsService {
  let desk: Desk

  func getMetrics(_ request: GetMetricsRequest, context: ServerContext) async throws -> DeskMetrics {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    var agentID = request.agentID.isEmpty ? nil : try parseID(request.agentID, "agent")
    if !caller.isAdmin {
      guard let own = caller.agentID else {
        throw ServiceError.permissionDenied("\(caller.displayName) may not read metrics: agents read their own, admins all")
      }
      if let agentID, agentID != own {
        throw ServiceError.permissionDenied("agents read their own metrics; ask an admin for another agent's")
      }
      agentID = own
    }
    let from = request.fromAtMs
    let to = request.toAtMs > 0 ? request.toAtMs : desk.now + 1
    guard from < to else { throw ServiceError.invalidArgument("from_at_ms (\(from)) must be before to_at_ms (\(to))") }
    let scopeAgent = agentID
    return try await desk.read { db in
      var sql = """
        SELECT started_at, requested_at, accepted_at, first_response_at, resolved_at, breached
        FROM episodes WHERE workspace_id = ? AND started_at >= ? AND started_at < ?
        """
      var arguments: [(any SQLiteBindable)?] = [workspaceID, from, to]
      if let scopeAgent {
        sql += " AND agent_id = ?"
        arguments.append(scopeAgent)
      }
      var intervene: [Int64] = []
      var response: [Int64] = []
      var resolve: [Int64] = []
      var metrics = DeskMetrics()
      try db.forEachRow(sql, arguments) { row in
        metrics.episodes += 1
        let requested = row.optionalInt64(1)
        let accepted = row.optionalInt64(2)
        if let requested, let accepted { intervene.append(accepted - requested) }
        if let accepted, let first = row.optionalInt64(3) { response.append(first - accepted) }
        if let accepted, let resolved = row.optionalInt64(4) { resolve.append(resolved - accepted) }
        if accepted == nil { metrics.botOnlyEpisodes += 1 }
        if try row.bool(5) { metrics.breachedCount += 1 }
      }
      metrics.timeToIntervene = Self.stats(intervene)
      metrics.firstResponse = Self.stats(response)
      metrics.timeToResolve = Self.stats(resolve)
      let counts = try db.sectionCounts(workspaceID: workspaceID, agentID: scopeAgent)
      metrics.activeCount = counts[.active] ?? 0
      metrics.requestedCount = counts[.requested] ?? 0
      metrics.acceptedCount = counts[.accepted] ?? 0
      metrics.historyCount = counts[.history] ?? 0
      return metrics
    }
  }

  /// Count, mean, median and 90th percentile (nearest rank) of durations in milliseconds.
  static func stats(_ values: [Int64]) -> DurationStats {
    guard !values.isEmpty else { return DurationStats() }
    let sorted = values.sorted()
    let mean = sorted.reduce(0, +) / Int64(sorted.count)
    let median = sorted.count % 2 == 1
      ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    let rank = max(Int((0.9 * Double(sorted.count)).rounded(.up)), 1)
    return DurationStats(count: Int64(sorted.count), meanMs: mean, medianMs: median, p90Ms: sorted[rank - 1])
  }
}
