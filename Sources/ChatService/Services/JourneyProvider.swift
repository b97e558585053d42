import SwitchboardChatClient
import SwitchboardRPC

/// A contact's journey, newest first, for whoever may read the contact.
struct JourneyProvider: JourneyService {
  let desk: Desk

  func listJourney(_ request: ListJourneyRequest, context: ServerContext) async throws -> ListJourneyResponse {
    let caller = try Caller.require()
    let workspaceID = try caller.requireWorkspace()
    let contactID = try parseID(request.contactID, "contact")
    let (limit, cursor) = try Page.parse(request.page)
    return try await desk.read { db in
      _ = try db.readableContact(contactID, workspaceID: workspaceID, by: caller)
      let events = try db.journey(contactID: contactID, before: cursor, limit: limit + 1)
      let shown = Array(events.prefix(limit))
      let next = events.count > limit ? PageCursor(key: 0, id: Int64(shown.last!.id)!).token : ""
      return ListJourneyResponse(events: shown, nextPageToken: next)
    }
  }
}
