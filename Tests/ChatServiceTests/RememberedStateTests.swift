import SwitchboardChatClient
import Testing

/// A returning user's next message is decided from the state their last one left (remembered,
/// not read): whatever changes the contact or the chat in between must still show in what
/// the bot says and in the chat the connector gets back.
@Suite(.timeLimit(.minutes(1)))
struct RememberedStateTests {
  @Test func profileTagAndChatChangesBetweenMessagesShowInTheNextAnswer() async throws {
    try await DeskHarness.with { desk in
      let people = try await DeskPeople.make(desk)
      let first = try await people.inbound("hello", id: "wamid.1", name: "Ana")
      let chat = try #require(first.chat)
      // The second message is remembered: the first one changed the contact (its tag).
      let second = try await people.inbound("hello", id: "wamid.2")
      #expect(second.botReplies.first?.text.hasPrefix("Hello Ana!") == true)

      // An agent corrects the name: the bot greets the new one.
      _ = try await people.ada.contacts.updateContact(UpdateContactRequest(contactID: chat.contactID, name: "Beatriz"))
      let renamed = try await people.inbound("hello", id: "wamid.3")
      #expect(renamed.botReplies.first?.text.hasPrefix("Hello Beatriz!") == true)
      #expect(renamed.chat?.contactName == "Beatriz")

      // An admin renames the contact's tag in the catalog: the chat shows the new name.
      let tags = try await desk.admin.tags.listTags(ListTagsRequest()).tags
      let secondTags = second.chat?.tags ?? []
      let firstMessageTag = try #require(tags.first { secondTags.contains($0.name) })
      _ = try await desk.admin.tags.renameTag(RenameTagRequest(tagID: firstMessageTag.id, name: "came in by WhatsApp"))
      let afterRename = try await people.inbound("hello", id: "wamid.4")
      #expect(afterRename.chat?.tags.contains("came in by WhatsApp") == true)
      #expect(afterRename.chat?.tags.contains(firstMessageTag.name) == false)

      // An agent takes the chat: the bot stops answering, the chat is theirs.
      _ = try await people.ada.chats.intervene(InterveneRequest(chatID: chat.id))
      let toAgent = try await people.inbound("hello", id: "wamid.5")
      #expect(toAgent.botReplies.isEmpty)
      #expect(toAgent.chat?.section == .accepted)

      // Resolved back to the bot: it answers again, from the chat as the agent left it.
      _ = try await people.ada.chats.resolve(ResolveRequest(chatID: chat.id))
      let backToBot = try await people.inbound("hello", id: "wamid.6")
      #expect(backToBot.botReplies.first?.text.hasPrefix("Hello Beatriz!") == true)
      #expect(backToBot.chat?.section == .active)
    }
  }
}
