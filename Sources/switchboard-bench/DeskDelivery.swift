import Foundation
import SwitchboardChatClient
import SwitchboardRPC

/// The delivery connector while the ingest load runs: it watches the outbox and reports every
/// reply sent, delivered and read, as WhatsApp's status webhooks would tell it. What "each
/// inbound message with its bot reply" costs once the replies also go out: the outbox's reads,
/// and three more writes per reply.
///
/// One watch reads the outbox; `reporters` tasks report the statuses, each item going to one of
/// them, so an item's three reports stay in order. With a `batch` of B, the watch gathers B
/// items before handing them to a reporter, which reports them sent in one `ReportStatuses`
/// call, then delivered in another, then read; with 1, a `ReportStatus` call per status (a
/// group waits for its B items, which the ingest load brings within milliseconds). The
/// connector has a key and a client of its own, as a separate service would.
struct DeskDelivery {
  /// What the connector did in the measured seconds.
  struct Tally: Sendable {
    /// Outbox items received.
    var items = 0
    /// Status reports answered.
    var reports = 0
    /// For each item, the time from its message's creation to the connector receiving it, in
    /// nanoseconds (whole milliseconds: the desk stamps messages in milliseconds).
    var lags: [UInt64] = []
    var errors = 0
  }

  private let watching: Task<Tally, Never>
  private let reporting: Task<Tally, Never>
  private let client: RPCClient?
  private let end: UInt64

  /// Starts the connector with `reporters` reporting tasks; it counts what happens from
  /// `measuredFrom` on and stops at `end`.
  static func start(
    reporters: Int, batch: Int, admin: SwitchboardAPI, port: Int, measuredFrom: UInt64, end: UInt64
  ) async throws -> DeskDelivery {
    guard reporters > 0 else {
      return DeskDelivery(watching: Task { Tally() }, reporting: Task { Tally() }, client: nil, end: end)
    }
    let key = try await admin.admin.createApiKey(CreateApiKeyRequest(label: "bench delivery", scopes: [.delivery]))
    var configuration = RPCClient.Configuration()
    configuration.connections = reporters / 50 + 1
    let client = RPCClient(host: "127.0.0.1", port: port, configuration: configuration)
    let connector = SwitchboardAPI(client: client, secret: key.secret)
    let queues = (0..<reporters).map { _ in AsyncStream.makeStream(of: [OutboxItem].self) }

    // Replies left pending by earlier runs on the same database are not this run's.
    let runStartMs = Int64(Date().timeIntervalSince1970 * 1000)
    let watching = Task {
      var tally = Tally()
      defer { for queue in queues { queue.continuation.finish() } }
      var gathered: [OutboxItem] = []
      var next = 0
      do {
        try await connector.delivery.watchOutbox(WatchOutboxRequest(afterSequence: 0)) { stream in
          for try await item in stream where (item.message?.createdAtMs ?? 0) >= runStartMs {
            let now = UInt64(max(Date().timeIntervalSince1970 * 1000, 0))
            let received = monotonicNanos()
            if received >= end { return }
            if received >= measuredFrom {
              tally.items += 1
              tally.lags.append((now - min(now, UInt64(max(item.message?.createdAtMs ?? 0, 0)))) * 1_000_000)
            }
            gathered.append(item)
            if gathered.count >= batch {
              queues[next].continuation.yield(gathered)
              gathered = []
              next = (next + 1) % reporters
            }
          }
        }
      } catch is CancellationError {
      } catch let error as RPCError where error.code == .cancelled {
      } catch {
        tally.errors += 1
      }
      return tally
    }
    let reporting = Task {
      await withTaskGroup(of: Tally.self) { group in
        for queue in queues {
          group.addTask { await report(queue.stream, with: connector, measuredFrom: measuredFrom, end: end) }
        }
        return await group.reduce(into: Tally()) { all, one in
          all.reports += one.reports
          all.errors += one.errors
        }
      }
    }
    return DeskDelivery(watching: watching, reporting: reporting, client: client, end: end)
  }

  /// Stops the watch at the end of the measured seconds and waits for the reporters.
  func finish() async -> Tally {
    if let client {
      let wait = end > monotonicNanos() ? end - monotonicNanos() : 0
      try? await Task.sleep(nanoseconds: wait)
      watching.cancel()
      var tally = await watching.value
      let reported = await reporting.value
      tally.reports = reported.reports
      tally.errors += reported.errors
      client.close()
      return tally
    }
    return Tally()
  }

  /// One reporter: sent, delivered and read for each group of items it is given, until the end.
  private static func report(
    _ groups: AsyncStream<[OutboxItem]>, with connector: SwitchboardAPI, measuredFrom: UInt64, end: UInt64
  ) async -> Tally {
    var tally = Tally()
    for await group in groups {
      let ids = group.compactMap { $0.message?.id }
      for status in [DeliveryStatus.sent, .delivered, .read] {
        let reports = ids.map { id in
          ReportStatusRequest(messageID: id, status: status, waMessageID: status == .sent ? "wamid.out.\(id)" : "")
        }
        let issued = monotonicNanos()
        if issued >= end { return tally }
        do {
          if reports.count == 1 {
            _ = try await connector.delivery.reportStatus(reports[0])
          } else {
            _ = try await connector.delivery.reportStatuses(ReportStatusesRequest(reports: reports))
          }
          if issued >= measuredFrom, monotonicNanos() <= end { tally.reports += reports.count }
        } catch {
          if issued >= measuredFrom { tally.errors += 1 }
        }
      }
    }
    return tally
  }
}
