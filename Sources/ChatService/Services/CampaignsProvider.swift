import ChatDomain
import SwitchboardChatClient
import SwitchboardRPC
import SwitchboardSQLite

/// Bulk template messages: admins create a campaign and send it to the contacts carrying any
/// of the audience tags; each recipient gets one message in the outbox, the broadcast tag and
/// a journey event, in commits of a few hundred recipients, with progress streamed back.
struct CampaignsProvider: CampaignsService {
  let desk: Desk

  /// Recipients per commit: large enough to share commits, small enough to stream progress.
  static let recipientsPerCommit = 200

  func createCampaign(_ request: CreateCampaignRequest, context: ServerContext) async throws -> Campaign {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    try caller.requireAdmin("creating campaigns")
    let name = try Validate.name(request.name, "campaign name")
    let broadcastTag = try Validate.tagName(request.broadcastTag)
    let template = try MessageTemplate(request.templateText)
    _ = try Validate.messageText(request.templateText)
    let now = desk.now
    return try await desk.write { db, _ in
      let known = Set(try db.fetchAll("SELECT DISTINCT key FROM attributes WHERE workspace_id = ?", [workspaceID]) {
        try $0.string(0)
      }.compactMap { try? AttributeKey($0) })
      try template.checkPlaceholders(knownAttributes: known)
      do {
        try db.execute(
          "INSERT INTO campaigns (workspace_id, name, template_text, broadcast_tag, created_at) VALUES (?, ?, ?, ?, ?)",
          [workspaceID, name, request.templateText, broadcastTag, now])
      } catch let error as SQLiteError where error.isUniqueConstraintViolation {
        throw ServiceError.alreadyExists("a campaign named \"\(name)\" exists already")
      }
      return try db.campaign(db.lastInsertRowID, workspaceID: workspaceID)!
    }
  }

  func sendCampaign(
    _ request: SendCampaignRequest, writer: RPCWriter<CampaignProgress>, context: ServerContext
  ) async throws {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    try caller.requireAdmin("sending campaigns")
    let campaignID = try parseID(request.campaignID, "campaign")
    guard !request.audienceTags.isEmpty else { throw ServiceError.invalidArgument("audience_tags names at least one tag") }
    let audienceTags = request.audienceTags
    let (campaign, audience) = try await desk.read { db -> (Campaign, [Int64]) in
      guard let campaign = try db.campaign(campaignID, workspaceID: workspaceID) else {
        throw ServiceError.notFound("no campaign has id \(campaignID)")
      }
      var tagIDs: [Int64] = []
      for name in audienceTags {
        guard let tag = try db.tag(named: name, workspaceID: workspaceID) else {
          throw ServiceError.notFound("the catalog has no tag named \"\(name)\"")
        }
        tagIDs.append(Int64(tag.id)!)
      }
      let placeholders = tagIDs.map { _ in "?" }.joined(separator: ", ")
      let contacts = try db.fetchAll(
        "SELECT DISTINCT contact_id FROM contact_tags WHERE tag_id IN (\(placeholders)) ORDER BY contact_id",
        tagIDs.map { $0 as (any SQLiteBindable)? }) { try $0.int64(0) }
      return (campaign, contacts)
    }
    var progress = CampaignProgress(total: Int64(audience.count))
    try await writer.write(progress)
    for start in stride(from: 0, to: audience.count, by: Self.recipientsPerCommit) {
      try Task.checkCancellation()
      let batch = Array(audience[start..<min(start + Self.recipientsPerCommit, audience.count)])
      let now = desk.now
      let (sent, skipped) = try await desk.write { db, changes in
        try db.sendCampaign(campaign, to: batch, workspaceID: workspaceID, now: now, changes: &changes)
      }
      progress.sent += sent
      progress.skipped += skipped
      try await writer.write(progress)
    }
    progress.done = true
    try await writer.write(progress)
  }

  func listCampaigns(_ request: ListCampaignsRequest, context: ServerContext) async throws -> ListCampaignsResponse {
    let workspaceID = try Caller.require().requireWorkspace()
    let (limit, cursor) = try Page.parse(request.page)
    return try await desk.read { db in
      let ids = try db.fetchAll(
        "SELECT id FROM campaigns WHERE workspace_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
        [workspaceID, cursor?.id ?? Int64.max, limit + 1]) { try $0.int64(0) }
      let shown = ids.prefix(limit)
      let next = ids.count > limit ? PageCursor(key: 0, id: shown.last!).token : ""
      return ListCampaignsResponse(campaigns: try shown.compactMap { try db.campaign($0, workspaceID: workspaceID) }, nextPageToken: next)
    }
  }

  func listContactCampaigns(_ request: ListContactCampaignsRequest, context: ServerContext) async throws -> ListContactCampaignsResponse {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    let contactID = try parseID(request.contactID, "contact")
    let (limit, cursor) = try Page.parse(request.page)
    return try await desk.read { db in
      _ = try db.readableContact(contactID, workspaceID: workspaceID, by: caller)
      let campaigns = try db.contactCampaigns(contactID: contactID, before: cursor, limit: limit + 1)
      let shown = Array(campaigns.prefix(limit))
      let next = campaigns.count > limit
        ? PageCursor(key: shown.last!.sentAtMs, id: Int64(shown.last!.campaignID)!).token : ""
      return ListContactCampaignsResponse(campaigns: shown, nextPageToken: next)
    }
  }
}

extension SQLiteConnection {
  func campaign(_ id: Int64, workspaceID: Int64) throws -> Campaign? {
    try fetchOne(
      "SELECT id, name, template_text, broadcast_tag, created_at, sent_count, last_sent_at FROM campaigns WHERE id = ? AND workspace_id = ?",
      [id, workspaceID]
    ) { row in
      Campaign(
        id: try row.int64(0).idString, name: try row.string(1), templateText: try row.string(2),
        broadcastTag: try row.string(3), createdAtMs: try row.int64(4), sentCount: try row.int64(5),
        lastSentAtMs: try row.int64(6))
    }
  }

  /// Sends `campaign` to each contact of `contactIDs` that has a chat and has not had it yet:
  /// the rendered template in the outbox, the broadcast tag, the journey event. Returns how
  /// many were sent and skipped.
  func sendCampaign(
    _ campaign: Campaign, to contactIDs: [Int64], workspaceID: Int64, now: Int64, changes: inout Desk.Changes
  ) throws -> (sent: Int64, skipped: Int64) {
    let campaignID = Int64(campaign.id)!
    let template = try MessageTemplate(campaign.templateText)
    let tagName = try TagName(campaign.broadcastTag)
    let tag = try self.tag(named: campaign.broadcastTag, workspaceID: workspaceID)
      ?? insertTag(workspaceID: workspaceID, name: campaign.broadcastTag, now: now)
    var sent: Int64 = 0
    var skipped: Int64 = 0
    for contactID in contactIDs {
      let already = try fetchOne(
        "SELECT 1 FROM campaign_deliveries WHERE campaign_id = ? AND contact_id = ?", [campaignID, contactID]) { _ in true } ?? false
      guard !already, let contactRecord = try contact(contactID, workspaceID: workspaceID),
        var record = try chat(contactID: contactID)
      else {
        skipped += 1
        continue
      }
      var contact = try domainContact(contactRecord)
      let text = template.render(for: contact)
      var chat = try domainChat(record)
      let timestamp = Timestamp(millisecondsSinceEpoch: now)
      var events = try chat.send(.campaign, at: timestamp, policy: try policy(workspaceID))
      events += contact.recordCampaign(campaign.id, tag: tagName, at: timestamp)
      let message = try queueOutbound(
        &record, text: text, templateName: campaign.name, sender: Actor(kind: .system, name: "campaign \(campaign.name)"),
        now: now, changes: &changes)
      if try addContactTag(contactID: contactID, tagID: Int64(tag.id)!, kind: .broadcast, actor: Actor(kind: .system, name: "Switchboard"), now: now) == false {
        events.removeAll { if case .tagAdded = $0.kind { true } else { false } }
      }
      try execute(
        "INSERT INTO campaign_deliveries (campaign_id, contact_id, message_id, sent_at) VALUES (?, ?, ?, ?)",
        [campaignID, contactID, Int64(message.id)!, now])
      try save(&record, chat, events: events, messageID: Int64(message.id), changes: &changes, now: now)
      sent += 1
    }
    try execute(
      "UPDATE campaigns SET sent_count = sent_count + ?, last_sent_at = ? WHERE id = ?", [sent, now, campaignID])
    return (sent, skipped)
  }
}
