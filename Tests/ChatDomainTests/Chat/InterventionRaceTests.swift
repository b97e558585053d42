import ChatDomain
import Testing

@Suite("Racing agents: exactly one wins the chat")
struct InterventionRaceTests {
  @Test("applied one after another, the first intervention wins and the others learn who holds it")
  func secondAgentLoses() throws {
    var chat = makeChat(.requested(since: t0, breachRecorded: false))
    _ = try chat.intervene(by: .agent(ada), at: t0 + .seconds(1))
    let won = chat
    let error = expectRefusal(.failedPrecondition, mentioning: "agent Ada holds this chat") {
      _ = try chat.intervene(by: .agent(grace), at: t0 + .seconds(1))
    }
    #expect(error?.message.contains("transfer") == true)
    #expect(chat == won)
  }

  @Test("of many agents racing, one wins, every other one is refused naming the winner")
  func manyAgents() {
    let agents = (1...8).map { Agent(id: AgentID(rawValue: "r\($0)"), name: "Agent \($0)") }
    var chat = makeChat(.requested(since: t0, breachRecorded: false))
    var winners: [Agent] = []
    var refusals: [DomainError] = []
    for agent in agents.shuffled() {
      do {
        _ = try chat.intervene(by: .agent(agent), at: t0)
        winners.append(agent)
      } catch {
        refusals.append(error)
      }
    }
    #expect(winners.count == 1)
    #expect(refusals.count == 7)
    #expect(
      refusals.allSatisfy {
        $0.kind == .failedPrecondition
          && $0.message.contains("agent \(winners[0].name) holds this chat")
      })
    #expect(chat.owner == winners.first)
  }

  @Test("the winner clicking Intervene again changes nothing")
  func sameAgentAgain() throws {
    var chat = makeChat(.requested(since: t0, breachRecorded: false))
    _ = try chat.intervene(by: .agent(ada), at: t0)
    let won = chat
    #expect(try chat.intervene(by: .admin(ada), at: t0 + .seconds(2)).isEmpty)
    #expect(chat == won)
  }

  @Test("an admin intervening in a chat another agent holds is refused like any agent")
  func adminLoses() {
    var chat = makeChat(.accepted(by: ada, since: t0))
    expectRefusal(.failedPrecondition, mentioning: "agent Ada holds this chat") {
      _ = try chat.intervene(by: .admin(barbara), at: t0)
    }
  }

  @Test("a stale write is visible: every change bumps the version once")
  func versions() throws {
    var chat = makeChat(.active, version: 1)
    _ = chat.receiveInbound(at: t0)
    _ = try chat.requestIntervention(by: .contact, at: t0)
    _ = try chat.intervene(by: .agent(ada), at: t0)
    _ = try chat.send(.agent(.agent(ada)), at: t0)
    _ = try chat.transfer(to: grace, by: .agent(ada), at: t0)
    _ = try chat.resolve(by: .agent(grace), at: t0)
    _ = chat.expire(at: t0 + .hours(24))
    #expect(chat.version == 8)
  }
}
