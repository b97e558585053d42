import SwitchboardChatClient
import Testing

/// `ReportStatuses`: a connector's gathered statuses in one call and one commit. Each report
/// does what `ReportStatus` would, in order; one naming no outbound message of the workspace is
/// skipped and says so; any other bad report fails the call and changes nothing.
@Suite(.timeLimit(.minutes(1)))
struct StatusReportBatchTests {
  @Test func reportsApplyInOrderAndOnesNamingNoOutboundMessageAreSkipped() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let maria = try await people.inbound("hello", id: "wamid.1")
      let joao = try await people.inbound("hello", from: "5511988880000", id: "wamid.2", name: "João")
      let a = try #require(maria.botReplies.first?.id)
      let b = try #require(joao.botReplies.first?.id)
      let inbound = try #require(maria.message?.id)

      let response = try await people.connector.delivery.reportStatuses(ReportStatusesRequest(reports: [
        ReportStatusRequest(messageID: a, status: .sent, waMessageID: "wamid.out.a"),
        ReportStatusRequest(messageID: a, status: .delivered),
        ReportStatusRequest(messageID: b, status: .read),
        ReportStatusRequest(messageID: b, status: .delivered),  // late: B stays read
        ReportStatusRequest(messageID: "999999", status: .sent),
        ReportStatusRequest(messageID: "not an id", status: .sent),
        ReportStatusRequest(messageID: inbound, status: .sent),  // the user's own message
      ]))
      #expect(response.results.map { $0.message?.status } == [.sent, .delivered, .read, .read, nil, nil, nil])
      #expect(response.results[1].message?.waMessageID == "wamid.out.a")

      // Stored as reported, and the outbox no longer holds them.
      let stored = try await people.ada.chats.listMessages(ListMessagesRequest(chatID: try #require(maria.chat?.id)))
      #expect(stored.messages.first { $0.id == a }?.status == .delivered)
      #expect(stored.messages.first { $0.id == inbound }?.status == maria.message?.status)
      let later = try #require(try await people.inbound("still there?", id: "wamid.3").botReplies.last?.id)
      let pending = try await people.connector.delivery.watchOutbox(WatchOutboxRequest()) { stream in
        try await stream.collect { $0.message?.id == later }.compactMap { $0.message?.id }
      }
      #expect(!pending.contains(a) && !pending.contains(b), "\(pending)")

      #expect(try await people.connector.delivery.reportStatuses(ReportStatusesRequest()).results.isEmpty)
    }
  }

  @Test func aBadReportFailsTheWholeCallAndChangesNothing() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let maria = try await people.inbound("hello", id: "wamid.1")
      let a = try #require(maria.botReplies.first?.id)
      let report = { (reports: [ReportStatusRequest]) in
        try await people.connector.delivery.reportStatuses(ReportStatusesRequest(reports: reports))
      }

      let failedWithoutCode = await expectRPCError(.invalidArgument) {
        try await report([ReportStatusRequest(messageID: a, status: .sent), ReportStatusRequest(messageID: a, status: .failed)])
      }
      #expect(failedWithoutCode.hasPrefix("report 1:") && failedWithoutCode.contains("failure_code"), "\(failedWithoutCode)")
      let noID = await expectRPCError(.invalidArgument) { try await report([ReportStatusRequest(status: .sent)]) }
      #expect(noID.hasPrefix("report 0: message_id is required"), "\(noID)")
      let badStatus = await expectRPCError(.invalidArgument) { try await report([ReportStatusRequest(messageID: a)]) }
      #expect(badStatus.hasPrefix("report 0:") && badStatus.contains("sent, delivered, read or failed"), "\(badStatus)")
      let tooMany = await expectRPCError(.invalidArgument) {
        try await report(Array(repeating: ReportStatusRequest(messageID: a, status: .sent), count: 1_001))
      }
      #expect(tooMany.contains("at most 1000"), "\(tooMany)")
      await expectRPCError(.permissionDenied) {
        try await people.ada.delivery.reportStatuses(ReportStatusesRequest(reports: [ReportStatusRequest(messageID: a, status: .sent)]))
      }

      let stored = try await people.ada.chats.listMessages(ListMessagesRequest(chatID: try #require(maria.chat?.id)))
      #expect(stored.messages.first { $0.id == a }?.status == .pending)
    }
  }
}
