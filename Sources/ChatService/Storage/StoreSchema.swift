import SwitchboardSQLite

/// The database's tables, one migration per version; a released migration is never edited,
/// only followed by another.
///
/// Times are milliseconds since the epoch; ids are SQLite rowids (shown to callers as decimal
/// strings); every list query has an index that serves its order and filter.
enum StoreSchema {
  /// Each migration's SQL script, version 1 first.
  static let migrations: [String] = [version1, version2, version3, version4, version5, version6, version7, version8, version9, version10, version11]

  /// A migrator bringing a database to `version` (all of them by default). Scripts may call
  /// the SQL functions defined here (``InboundIDDigest``).
  static func migrator(upTo version: Int = migrations.count) -> Migrator {
    var migrator = Migrator()
    for (index, script) in migrations.prefix(version).enumerated() {
      migrator.register(version: index + 1, name: "schema version \(index + 1)") { db in
        try InboundIDDigest.define(on: db)
        try db.execute(script)
      }
    }
    return migrator
  }

  private static let version1 = """
    CREATE TABLE workspaces (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      history_after_ms INTEGER NOT NULL,
      service_window_ms INTEGER NOT NULL,
      intervene_target_ms INTEGER NOT NULL,
      bot_configuration BLOB
    );

    CREATE TABLE agents (
      id INTEGER PRIMARY KEY,
      workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
      name TEXT NOT NULL,
      email TEXT NOT NULL,
      role INTEGER NOT NULL,
      online INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      UNIQUE (workspace_id, email)
    );
    CREATE INDEX agents_by_name ON agents (workspace_id, name, id);

    -- workspace_id is NULL for the server operator's keys.
    CREATE TABLE api_keys (
      id INTEGER PRIMARY KEY,
      workspace_id INTEGER REFERENCES workspaces(id),
      label TEXT NOT NULL,
      scopes TEXT NOT NULL,
      secret_digest BLOB NOT NULL UNIQUE,
      secret_prefix TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      revoked INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE agent_tokens (
      secret_digest BLOB PRIMARY KEY,
      agent_id INTEGER NOT NULL REFERENCES agents(id),
      expires_at INTEGER NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE contacts (
      id INTEGER PRIMARY KEY,
      workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
      wa_user_id TEXT NOT NULL,
      name TEXT NOT NULL,
      phone TEXT NOT NULL DEFAULT '',
      email TEXT NOT NULL DEFAULT '',
      extra_details BLOB,
      created_at INTEGER NOT NULL,
      first_seen_at INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL,
      message_count INTEGER NOT NULL DEFAULT 0,
      intervention_count INTEGER NOT NULL DEFAULT 0,
      UNIQUE (workspace_id, wa_user_id)
    );
    CREATE INDEX contacts_by_last_seen ON contacts (workspace_id, last_seen_at, id);

    CREATE TABLE attributes (
      contact_id INTEGER NOT NULL REFERENCES contacts(id),
      workspace_id INTEGER NOT NULL,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (contact_id, key)
    ) WITHOUT ROWID;
    CREATE INDEX attributes_by_value ON attributes (workspace_id, key, value, contact_id);

    CREATE TABLE tags (
      id INTEGER PRIMARY KEY,
      workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
      name TEXT NOT NULL,
      name_key TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      UNIQUE (workspace_id, name_key)
    );

    CREATE TABLE contact_tags (
      contact_id INTEGER NOT NULL REFERENCES contacts(id),
      tag_id INTEGER NOT NULL REFERENCES tags(id),
      kind INTEGER NOT NULL,
      actor BLOB NOT NULL,
      added_at INTEGER NOT NULL,
      PRIMARY KEY (contact_id, tag_id)
    ) WITHOUT ROWID;
    CREATE INDEX contact_tags_by_tag ON contact_tags (tag_id, contact_id);

    -- One chat per contact: it moves between sections and is never duplicated.
    CREATE TABLE chats (
      id INTEGER PRIMARY KEY,
      workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
      contact_id INTEGER NOT NULL UNIQUE REFERENCES contacts(id),
      section INTEGER NOT NULL,
      owner_agent_id INTEGER REFERENCES agents(id),
      last_message_at INTEGER NOT NULL,
      last_inbound_at INTEGER NOT NULL,
      preview TEXT NOT NULL,
      requested_at INTEGER NOT NULL DEFAULT 0,
      accepted_at INTEGER NOT NULL DEFAULT 0,
      breached INTEGER NOT NULL DEFAULT 0,
      version INTEGER NOT NULL,
      last_intervention_version INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      bot_state BLOB
    );
    CREATE INDEX chats_by_section ON chats (workspace_id, section, last_message_at, id);
    CREATE INDEX chats_by_recent ON chats (workspace_id, last_message_at, id);
    -- Accepted chats only: every message moves a chat in each index keyed by time, so an index
    -- that only some chats need holds only those.
    CREATE INDEX chats_by_owner ON chats (owner_agent_id, last_message_at, id) WHERE owner_agent_id IS NOT NULL;

    CREATE TABLE messages (
      id INTEGER PRIMARY KEY,
      workspace_id INTEGER NOT NULL,
      chat_id INTEGER NOT NULL REFERENCES chats(id),
      direction INTEGER NOT NULL,
      sender BLOB NOT NULL,
      text TEXT NOT NULL,
      template_name TEXT NOT NULL DEFAULT '',
      wa_message_id TEXT,
      status INTEGER NOT NULL,
      failure_code TEXT NOT NULL DEFAULT '',
      failure_text TEXT NOT NULL DEFAULT '',
      created_at INTEGER NOT NULL
    );
    CREATE INDEX messages_by_chat ON messages (chat_id, id);
    -- Inbound idempotency: WhatsApp's message id is unique per workspace, enforced here.
    CREATE UNIQUE INDEX inbound_once ON messages (workspace_id, wa_message_id) WHERE direction = 1;

    CREATE TABLE journey (
      id INTEGER PRIMARY KEY,
      workspace_id INTEGER NOT NULL,
      contact_id INTEGER NOT NULL REFERENCES contacts(id),
      event BLOB NOT NULL
    );
    CREATE INDEX journey_by_contact ON journey (contact_id, id);

    -- The log watches replay: every change an inbox or chat watcher may need, in order.
    CREATE TABLE events (
      sequence INTEGER PRIMARY KEY AUTOINCREMENT,
      workspace_id INTEGER NOT NULL,
      chat_id INTEGER NOT NULL,
      message_id INTEGER,
      kind INTEGER NOT NULL
    );
    CREATE INDEX events_by_chat ON events (chat_id, sequence);
    CREATE INDEX events_by_workspace ON events (workspace_id, sequence);

    -- Outbound messages waiting for the delivery connector.
    CREATE TABLE outbox (
      sequence INTEGER PRIMARY KEY AUTOINCREMENT,
      workspace_id INTEGER NOT NULL,
      message_id INTEGER NOT NULL UNIQUE REFERENCES messages(id)
    );
    CREATE INDEX outbox_by_workspace ON outbox (workspace_id, sequence);

    CREATE TABLE campaigns (
      id INTEGER PRIMARY KEY,
      workspace_id INTEGER NOT NULL REFERENCES workspaces(id),
      name TEXT NOT NULL,
      template_text TEXT NOT NULL,
      broadcast_tag TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      sent_count INTEGER NOT NULL DEFAULT 0,
      last_sent_at INTEGER NOT NULL DEFAULT 0,
      UNIQUE (workspace_id, name)
    );

    CREATE TABLE campaign_deliveries (
      campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
      contact_id INTEGER NOT NULL REFERENCES contacts(id),
      message_id INTEGER NOT NULL REFERENCES messages(id),
      sent_at INTEGER NOT NULL,
      PRIMARY KEY (campaign_id, contact_id)
    ) WITHOUT ROWID;
    CREATE INDEX campaign_deliveries_by_contact ON campaign_deliveries (contact_id, sent_at);

    -- One row per episode of a chat (opened, or reopened after a resolve), for metrics.
    CREATE TABLE episodes (
      id INTEGER PRIMARY KEY,
      workspace_id INTEGER NOT NULL,
      chat_id INTEGER NOT NULL REFERENCES chats(id),
      started_at INTEGER NOT NULL,
      requested_at INTEGER,
      accepted_at INTEGER,
      agent_id INTEGER,
      first_response_at INTEGER,
      resolved_at INTEGER,
      breached INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX episodes_by_start ON episodes (workspace_id, started_at);
    CREATE INDEX episodes_open ON episodes (chat_id, id);
    """

  /// Fewer rows and statements per message, for the ingest rate: every inbound message with
  /// its bot reply wrote an outbox row, bumped two AUTOINCREMENT counters and updated its
  /// contact as well as its chat.
  private static let version2 = """
    -- The outbox is the pending outbound messages themselves, through a partial index: a
    -- reply no longer writes a second row, and a status report takes it out of the index. An
    -- item's sequence is now its message's id; a connector resuming from an older sequence is
    -- handed again the items still pending, as after any reconnect.
    DROP TABLE outbox;
    CREATE INDEX outbox_pending ON messages (workspace_id, id) WHERE status = 1;

    -- The watch log without AUTOINCREMENT, which updated sqlite_sequence on every insert.
    -- Rows are never deleted, so a new sequence (the largest plus one) still only grows.
    CREATE TABLE events_v2 (
      sequence INTEGER PRIMARY KEY,
      workspace_id INTEGER NOT NULL,
      chat_id INTEGER NOT NULL,
      message_id INTEGER,
      kind INTEGER NOT NULL
    );
    INSERT INTO events_v2 (sequence, workspace_id, chat_id, message_id, kind)
      SELECT sequence, workspace_id, chat_id, message_id, kind FROM events;
    DROP TABLE events;
    ALTER TABLE events_v2 RENAME TO events;
    CREATE INDEX events_by_chat ON events (chat_id, sequence);
    CREATE INDEX events_by_workspace ON events (workspace_id, sequence);

    -- A contact's message count lives on its chat (one per contact), whose row every message
    -- rewrites anyway.
    ALTER TABLE chats ADD COLUMN message_count INTEGER NOT NULL DEFAULT 0;
    UPDATE chats SET message_count = (SELECT message_count FROM contacts WHERE contacts.id = chats.contact_id);
    ALTER TABLE contacts DROP COLUMN message_count;
    """

  /// A version on each contact, moved by triggers whenever anything a bot's decision reads of
  /// the contact changes (profile, attributes, tags and their names), so a decision made from a
  /// remembered contact can be checked in one lookup. Triggers rather than code: no write path
  /// can forget them. The last-seen time and the counters are not part of it.
  private static let version3 = """
    ALTER TABLE contacts ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

    CREATE TRIGGER contact_profile_changed AFTER UPDATE OF name, phone, email, extra_details ON contacts
    BEGIN UPDATE contacts SET version = version + 1 WHERE id = NEW.id; END;

    CREATE TRIGGER contact_attribute_set AFTER INSERT ON attributes
    BEGIN UPDATE contacts SET version = version + 1 WHERE id = NEW.contact_id; END;
    CREATE TRIGGER contact_attribute_changed AFTER UPDATE ON attributes
    BEGIN UPDATE contacts SET version = version + 1 WHERE id IN (OLD.contact_id, NEW.contact_id); END;
    CREATE TRIGGER contact_attribute_removed AFTER DELETE ON attributes
    BEGIN UPDATE contacts SET version = version + 1 WHERE id = OLD.contact_id; END;

    CREATE TRIGGER contact_tag_added AFTER INSERT ON contact_tags
    BEGIN UPDATE contacts SET version = version + 1 WHERE id = NEW.contact_id; END;
    CREATE TRIGGER contact_tag_changed AFTER UPDATE ON contact_tags
    BEGIN UPDATE contacts SET version = version + 1 WHERE id IN (OLD.contact_id, NEW.contact_id); END;
    CREATE TRIGGER contact_tag_removed AFTER DELETE ON contact_tags
    BEGIN UPDATE contacts SET version = version + 1 WHERE id = OLD.contact_id; END;

    CREATE TRIGGER tag_renamed AFTER UPDATE OF name ON tags
    BEGIN
      UPDATE contacts SET version = version + 1
      WHERE id IN (SELECT contact_id FROM contact_tags WHERE tag_id = NEW.id);
    END;
    """

  /// Lists of all sections merge each section's range of `chats_by_section`; the index by
  /// recency across sections moved on every message (two b-tree changes of about twenty).
  private static let version4 = """
    DROP INDEX chats_by_recent;
    """

  /// Keys are listed a page at a time, newest first, and agents in the order they were added:
  /// an index for each order (agents were listed by id, which the index by name did not serve).
  private static let version5 = """
    CREATE INDEX api_keys_by_workspace ON api_keys (workspace_id, id);
    DROP INDEX agents_by_name;
    CREATE INDEX agents_by_workspace ON agents (workspace_id, id);
    """

  /// Requested chats by how long they have waited, for the top bar and the time-to-intervene
  /// sweep. Partial: a chat is in it only while requested, and a message to it moves nothing.
  private static let version6 = """
    CREATE INDEX chats_requested ON chats (workspace_id, requested_at, id) WHERE section = 2;
    """

  /// The watch log is pruned by age, and its rows carry no time: each maintenance pass marks
  /// the newest sequence with the time instead, one small row however many events came since,
  /// so that everything up to a mark older than the retention can go. Pruning never takes the
  /// newest event: the next sequence is the largest plus one, and must still only grow.
  private static let version7 = """
    CREATE TABLE event_marks (
      marked_at INTEGER PRIMARY KEY,
      sequence INTEGER NOT NULL
    );
    """

  /// Inbound idempotency in a table of its own, keyed by a digest of WhatsApp's id (see
  /// ``InboundIDDigest``) instead of an index of the ids themselves: a third the size, so the
  /// writer's cache holds it with millions of messages stored. Still a unique constraint, in
  /// the same transaction as the message.
  private static let version8 = """
    CREATE TABLE inbound_ids (
      workspace_id INTEGER NOT NULL,
      digest BLOB NOT NULL,
      message_id INTEGER NOT NULL REFERENCES messages(id),
      PRIMARY KEY (workspace_id, digest)
    ) WITHOUT ROWID;
    -- In key order (workspace, digest): each page of the new table written once.
    INSERT INTO inbound_ids (workspace_id, digest, message_id)
      SELECT workspace_id, inbound_id_digest(wa_message_id), id FROM messages
      WHERE direction = 1 AND wa_message_id IS NOT NULL
      ORDER BY 1, 2;
    DROP INDEX inbound_once;
    """

  /// The watch log's chat index keyed by block of sequences first (``SQLiteConnection/eventBlockBits``):
  /// keyed by chat, every event landed in its own chat's leaf, a page per message for the
  /// checkpoints to write back all over the file once chats have long histories; keyed by block,
  /// a batch's events share the current block's few leaves. A chat's events after a sequence
  /// are then read block by block, each a range of the index.
  private static let version9 = """
    DROP INDEX events_by_chat;
    CREATE INDEX events_by_chat_block ON events (sequence >> 14, chat_id, sequence);
    """
  /// Inbound idempotency keyed by block of message ids first (``InboundIDIndex``): keyed by
  /// digest alone, every message dirtied a random leaf of the table, and with millions stored
  /// the checkpoints wrote those leaves back all over the file; keyed by block, a batch's ids
  /// share the current block's leaves. 18 is ``InboundIDIndex/blockBits``.
  private static let version10 = """
    CREATE TABLE inbound_ids_by_block (
      block INTEGER NOT NULL,
      workspace_id INTEGER NOT NULL,
      digest BLOB NOT NULL,
      message_id INTEGER NOT NULL REFERENCES messages(id),
      PRIMARY KEY (block, workspace_id, digest)
    ) WITHOUT ROWID;
    INSERT INTO inbound_ids_by_block (block, workspace_id, digest, message_id)
      SELECT message_id >> 18, workspace_id, digest, message_id FROM inbound_ids ORDER BY 1, 2, 3;
    DROP TABLE inbound_ids;
    ALTER TABLE inbound_ids_by_block RENAME TO inbound_ids;
    """
  /// A chat's messages found by links instead of an index (see `Store+Messages.swift`): each
  /// message names the one before it in its chat, and the chat its newest. The index by chat put
  /// every message in its chat's own leaf, a page for the checkpoints to write back per message
  /// once chats had long histories. Linking the stored messages reads the index once and
  /// rewrites every message row: about a minute at the first start for ten million messages.
  private static let version11 = """
    ALTER TABLE messages ADD COLUMN previous_id INTEGER REFERENCES messages(id);
    ALTER TABLE chats ADD COLUMN last_message_id INTEGER NOT NULL DEFAULT 0;
    UPDATE messages SET previous_id =
      (SELECT max(earlier.id) FROM messages earlier WHERE earlier.chat_id = messages.chat_id AND earlier.id < messages.id);
    UPDATE chats SET last_message_id = coalesce((SELECT max(id) FROM messages WHERE chat_id = chats.id), 0);
    DROP INDEX messages_by_chat;
    """
}
