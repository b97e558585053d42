@testable import ChatService
import SwitchboardChatClient
import SwitchboardSQLite
import Testing

/// Lists and inbox watches build many chats at once; each must show exactly what reading that
/// one chat shows: its contact's name, its tags in order, its owner's name.
@Suite(.timeLimit(.minutes(1)))
struct ChatPagesTests {
  @Test func listedAndWatchedChatsAreTheChatsThemselves() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      var chats: [Chat] = []
      for (index, name) in ["Ana", "Bruno", "Carla", "Davi"].enumerated() {
        let response = try await people.inbound("hello", from: "55119000000\(index)", id: "wamid.page.\(index)", name: name)
        chats.append(try #require(response.chat))
      }
      // Tags show in the order they were added, which is not the catalog's: "alpha" is older.
      _ = try await people.boss.tags.addContactTag(
        AddContactTagRequest(contactID: chats[2].contactID, tagName: "alpha", createIfMissing: true))
      for tag in ["vip", "late", "alpha"] {
        desk.clock.advance(by: .seconds(1))
        _ = try await people.boss.tags.addContactTag(
          AddContactTagRequest(contactID: chats[0].contactID, tagName: tag, createIfMissing: true))
      }
      _ = try await people.ada.chats.intervene(InterveneRequest(chatID: chats[1].id))
      _ = try await people.boss.chats.intervene(InterveneRequest(chatID: chats[3].id))

      func read(_ id: String, by api: SwitchboardAPI) async throws -> Chat {
        try await api.chats.getChat(GetChatRequest(chatID: id))
      }
      let listed = try await people.boss.chats.listChats(ListChatsRequest()).chats
      #expect(Set(listed.map(\.id)) == Set(chats.map(\.id)))
      for chat in listed {
        #expect(chat == (try await read(chat.id, by: people.boss)))
      }
      #expect(listed.first { $0.id == chats[0].id }?.tags.suffix(3) == ["vip", "late", "alpha"])
      #expect(listed.first { $0.id == chats[3].id }?.ownerAgentName == "Boss")

      // Ada's inbox, replayed from the start: every chat she may see as it now stands, and the
      // one Boss took hidden from her.
      let inbox = try await people.ada.watches.watchInbox(WatchInboxRequest(afterSequence: 0), options: watchOptions) {
        stream in try await stream.collect { $0.chat?.id == chats[3].id }
      }
      for event in inbox {
        let id = try #require(event.chat?.id)
        if id == chats[3].id {
          #expect(event.kind == .chatHidden && event.chat == Chat(id: id))
        } else {
          #expect(event.chat == (try await read(id, by: people.ada)))
        }
      }
      #expect(Set(inbox.compactMap { $0.chat?.id }) == Set(chats.map(\.id)))
    }
  }

  /// A page's queries look each id up by key. With the ids in an `IN` list, SQLite preferred to
  /// scan the workspace's index of every chat, and an inbox watch got slower, not faster.
  @Test func aPageLooksItsChatsUpByKeyWithoutScanning() async throws {
    try await DeskHarness.with { desk in
      let statements = [
        SQLiteConnection.chatsByIDSQL, SQLiteConnection.contactNamesSQL, SQLiteConnection.contactTagNamesSQL,
        SQLiteConnection.agentNamesSQL,
      ]
      let plans = try await desk.desk.desk.read { db in
        try statements.map { sql in
          try db.fetchAll("EXPLAIN QUERY PLAN " + sql, sql.contains("workspace_id = ?") ? ["[1]", 1] : ["[1]"]) {
            try $0.string(3)
          }
        }
      }
      for (sql, plan) in zip(statements, plans) {
        #expect(plan.first?.hasPrefix("SCAN ids") == true, "\(plan) for \(sql)")
        #expect(plan.dropFirst().allSatisfy { $0.hasPrefix("SEARCH") || $0.hasPrefix("USE TEMP B-TREE") }, "\(plan) for \(sql)")
      }
    }
  }
}
