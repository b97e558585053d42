import ChatService
import Foundation
import SwitchboardChatClient

/// `chat inbound [--concurrency N] [--duration S] [--contacts K] [--preload M]
/// [--history-contacts H] [--database DIR] [--chat-watchers W] [--inbox-watchers I] [--readers R]
/// [--watch-log-seconds L] [--delivery D] [--status-batch B]`:
/// the chat desk's ingest rate. Serves a fresh desk on a loopback port, then N concurrent callers
/// deliver inbound messages from K WhatsApp users through the generated client, as the webhook
/// connector does; each call returns only once the message, the bot's reply, the outbox entry
/// and the journey are committed. Prints one JSON line with acknowledged messages per second.
/// With `--preload M`, the database first gets M stored messages (half from H users, K unless
/// given, the load's K among them; half bot replies), so the rate can be compared with a desk
/// that has history: a few users with long conversations, or many with short ones. A `--database`
/// directory this command filled is measured again as it is, without filling it again.
/// `--chat-watchers` and `--inbox-watchers` keep agents' screens open during the load (see
/// ``OpenScreens``); `--readers` has agents list and open chats meanwhile (``DeskReaders``).
/// `--watch-log-seconds L` keeps L seconds of the watch log and prunes it every second, as the
/// server's maintenance does with its week: after L seconds, pruning deletes as many events as
/// ingest logs, the steady state of a desk older than its retention. (On a preloaded database
/// the first pass marks the whole history, which then goes as fast as the writer allows.)
/// `--delivery D` runs the delivery connector meanwhile: it watches the outbox and D reporters
/// report every reply sent, delivered and read (``DeskDelivery``), B reports per call.
enum ChatInboundCommand {
  static func main(_ arguments: [String]) async -> Int32 {
    var concurrency = 64
    var duration = 5
    var contacts = 10_000
    var preload = 0
    var historyContacts: Int?
    var directory: String?
    var chatWatchers = 0
    var inboxWatchers = 0
    var readers = 0
    var watchLogSeconds: Int?
    var deliveryReporters = 0
    var statusBatch = 1
    var rest = arguments[...]
    while let flag = rest.popFirst(), let value = rest.popFirst() {
      switch flag {
      case "--concurrency": concurrency = Int(value) ?? 0
      case "--duration": duration = Int(value) ?? 0
      case "--contacts": contacts = Int(value) ?? 0
      case "--preload": preload = Int(value) ?? -1
      case "--history-contacts": historyContacts = Int(value) ?? 0
      case "--database": directory = value
      case "--chat-watchers": chatWatchers = Int(value) ?? -1
      case "--inbox-watchers": inboxWatchers = Int(value) ?? -1
      case "--readers": readers = Int(value) ?? -1
      case "--watch-log-seconds": watchLogSeconds = Int(value) ?? 0
      case "--delivery": deliveryReporters = Int(value) ?? -1
      case "--status-batch": statusBatch = Int(value) ?? 0
      default: concurrency = 0
      }
    }
    var historyUsers = historyContacts ?? contacts
    guard concurrency > 0, duration > 0, contacts > 0, preload >= 0, historyUsers >= contacts,
      (0...contacts).contains(chatWatchers), inboxWatchers >= 0, readers >= 0, watchLogSeconds.map({ $0 > 0 }) ?? true,
      deliveryReporters >= 0, (1...1_000).contains(statusBatch)
    else {
      printError(
        "usage: switchboard-bench chat inbound [--concurrency N] [--duration S] [--contacts K] [--preload M] [--history-contacts H] [--database DIR] [--chat-watchers W] [--inbox-watchers I] [--readers R] [--watch-log-seconds L] [--delivery D] [--status-batch B]\n"
      )
      return 2
    }
    let folder = directory ?? NSTemporaryDirectory() + "switchboard-bench-\(UUID().uuidString)"
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      defer { if directory == nil { try? FileManager.default.removeItem(atPath: folder) } }
      let path = folder + "/bench.sqlite"
      // A database this command filled before (with --database) is measured again as it is:
      // filling ten million messages takes minutes, measuring takes seconds.
      let keyFile = folder + "/admin-key", preloadFile = folder + "/preloaded"
      let retention = watchLogSeconds.map { Duration.seconds($0) } ?? ChatServer.defaultWatchLogRetention
      var desk = try ChatServer(databasePath: path, watchLogRetention: retention)
      let adminKey: String
      if let first = try await desk.prepare() {
        adminKey = first.adminKey
        if preload > 0 {
          await desk.close()
          try Preload.messages(preload, users: historyUsers, into: path)
          // The kernel would otherwise spend the measured seconds writing the preloaded gigabyte
          // back to disk, which a server whose history built up over months never does at once.
          sync()
          desk = try ChatServer(databasePath: path, watchLogRetention: retention)
          _ = try await desk.prepare()
        }
        if directory != nil {
          try adminKey.write(toFile: keyFile, atomically: true, encoding: .utf8)
          try "\(preload) \(historyUsers)".write(toFile: preloadFile, atomically: true, encoding: .utf8)
        }
      } else if let key = try? String(contentsOfFile: keyFile, encoding: .utf8),
        let stored = try? String(contentsOfFile: preloadFile, encoding: .utf8).split(separator: " "),
        let count = stored.first.flatMap({ Int($0) })
      {
        adminKey = key
        preload = count
        // Databases filled before the history's users were counted had the load's.
        historyUsers = stored.dropFirst().first.flatMap { Int($0) } ?? contacts
      } else {
        printError("chat inbound: the database in \(folder) was not made by this command\n")
        return 2
      }
      if preload > 0 {
        // A server that has been running has its hot pages in the file cache, which this
        // machine drains within minutes of a file's last use: read the file once, so runs
        // compare the desk rather than the disk.
        try warmFileCache(path)
      }
      var configuration = RPCServer.Configuration()
      configuration.interceptors = desk.interceptors
      let server = RPCServer(host: "127.0.0.1", port: 0, services: desk.services, configuration: configuration)
      let serving = Task { try await server.serve() }
      let port = try await server.listeningPort
      var clientConfiguration = RPCClient.Configuration()
      clientConfiguration.connections = 4
      let client = RPCClient(host: "127.0.0.1", port: port, configuration: clientConfiguration)
      let admin = SwitchboardAPI(client: client, secret: adminKey)
      let key = try await admin.admin.createApiKey(CreateApiKeyRequest(label: "bench", scopes: [.ingest]))
      let connector = SwitchboardAPI(client: client, secret: key.secret)

      let (callers, users) = (concurrency, contacts)
      // Message ids unique to this run, so a database measured again gets new messages.
      let run = UInt64.random(in: 0...UInt64(UInt32.max))
      let screens = try await OpenScreens.open(
        chats: chatWatchers, inboxes: inboxWatchers, admin: admin, connector: connector, port: port, run: String(run, radix: 36))
      let start = monotonicNanos()
      let warmEnd = start + 1_000_000_000
      let end = warmEnd + UInt64(duration) * 1_000_000_000
      let desks = try await DeskReaders.start(
        count: readers, admin: admin, port: port, run: String(run, radix: 36), measuredFrom: warmEnd, end: end)
      let delivery = try await DeskDelivery.start(
        reporters: deliveryReporters, batch: statusBatch, admin: admin, port: port, measuredFrom: warmEnd, end: end)
      let pruning = Task { [desk] in
        guard watchLogSeconds != nil else { return 0 }
        // Passes that end within the measured seconds; the last one may run past the end and
        // is counted only if it ends before it.
        var pruned = 0
        while monotonicNanos() < end {
          let deleted = try await desk.pruneWatchLog()
          let now = monotonicNanos()
          if now >= warmEnd, now <= end { pruned += deleted }
          try await Task.sleep(for: .seconds(1))
        }
        return pruned
      }
      // Process CPU time over the measured seconds: a figure the machine's other tenants
      // (steal time) move much less than the rate.
      let cpu = Task {
        try await Task.sleep(nanoseconds: warmEnd - monotonicNanos())
        let before = (processCPUNanos(), desk.writerStatistics)
        try await Task.sleep(nanoseconds: end - monotonicNanos())
        let after = desk.writerStatistics
        let writesPerCommit = Double(after.committedWrites - before.1.committedWrites) / Double(max(after.commits - before.1.commits, 1))
        return (processCPUNanos() - before.0, after.busyTime - before.1.busyTime, writesPerCommit)
      }
      let tallies = await withTaskGroup(of: (latencies: [UInt64], errors: Int).self) { group in
        for caller in 0..<callers {
          group.addTask(executorPreference: client.executor) {
            var latencies: [UInt64] = []
            var errors = 0
            var sent = 0
            while true {
              let issued = monotonicNanos()
              if issued >= end { return (latencies, errors) }
              // Message ids unique across callers; users spread over all of them.
              let n = sent * callers + caller
              sent += 1
              let user = "55119\(10_000_000 + n % users)"
              let request = ReceiveInboundRequest(
                waMessageID: whatsAppMessageID(user: user, unique: run << 32 | UInt64(n)), waUserID: user,
                profileName: "User \(n % users)", text: n % 7 == 0 ? "what are your opening hours?" : "hello")
              do {
                _ = try await connector.chats.receiveInbound(request)
                let done = monotonicNanos()
                if issued >= warmEnd, done <= end { latencies.append(done - issued) }
              } catch {
                if issued >= warmEnd { errors += 1 }
              }
            }
          }
        }
        var all: [(latencies: [UInt64], errors: Int)] = []
        for await tally in group { all.append(tally) }
        return all
      }
      var latencies = tallies.flatMap(\.latencies)
      latencies.sort()
      let errors = tallies.reduce(0) { $0 + $1.errors }
      let (cpuNanos, writerBusy, writesPerCommit) = (try? await cpu.value) ?? (0, .zero, 0)
      let perMessage = { (microseconds: Double) in latencies.isEmpty ? 0 : microseconds / Double(latencies.count) }
      let cpuPerMessage = perMessage(Double(cpuNanos) / 1000)
      let writerPerMessage = perMessage(writerBusy / .microseconds(1))
      let watchedEvents = await screens.close()
      let prunedEvents = (try? await pruning.value) ?? -1
      var delivered = await delivery.finish()
      delivered.lags.sort()
      var reads = await desks.finish()
      reads.latencies.sort()
      print(
        "{\"bench\":\"chat-inbound\",\"concurrency\":\(concurrency),\"contacts\":\(contacts),\"preloaded_messages\":\(preload),\"history_contacts\":\(historyUsers),\"seconds\":\(duration),\"messages\":\(latencies.count),\"inbound_per_s\":\(oneDecimal(Double(latencies.count) / Double(duration))),\"p50_us\":\(percentileMicroseconds(latencies, 50)),\"p99_us\":\(percentileMicroseconds(latencies, 99)),\"cpu_us_per_message\":\(oneDecimal(cpuPerMessage)),\"writer_us_per_message\":\(oneDecimal(writerPerMessage)),\"writes_per_commit\":\(oneDecimal(writesPerCommit)),\"chat_watchers\":\(chatWatchers),\"inbox_watchers\":\(inboxWatchers),\"watched_events\":\(watchedEvents),\"readers\":\(readers),\"reads_per_s\":\(oneDecimal(Double(reads.latencies.count) / Double(duration))),\"read_p50_us\":\(percentileMicroseconds(reads.latencies, 50)),\"read_p99_us\":\(percentileMicroseconds(reads.latencies, 99)),\"watch_log_seconds\":\(watchLogSeconds ?? 0),\"pruned_events\":\(prunedEvents),\"delivery_reporters\":\(deliveryReporters),\"status_batch\":\(statusBatch),\"outbox_items_per_s\":\(oneDecimal(Double(delivered.items) / Double(duration))),\"status_reports_per_s\":\(oneDecimal(Double(delivered.reports) / Double(duration))),\"outbox_lag_p50_us\":\(percentileMicroseconds(delivered.lags, 50)),\"outbox_lag_p99_us\":\(percentileMicroseconds(delivered.lags, 99)),\"errors\":\(errors + reads.errors + delivered.errors)}"
      )
      client.close()
      server.beginGracefulShutdown()
      _ = try? await serving.value
      await desk.close()
      return 0
    } catch {
      printError("chat inbound: \(error)\n")
      return 1
    }
  }
}

/// Reads the file at `path` from start to end, discarding it: the kernel keeps it cached.
private func warmFileCache(_ path: String) throws {
  let file = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
  defer { try? file.close() }
  while let chunk = try file.read(upToCount: 1 << 20), !chunk.isEmpty {}
}
