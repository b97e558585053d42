/// A valid schema using every supported construct, for whole-pipeline and mutation tests.
let richSchema = #"""
  // The chat desk.
  syntax = "proto3";

  package switchboard.chat;

  import "common.proto";
  import public "ids.proto";

  option java_package = "com.example.chat";
  option optimize_for = SPEED;

  /// A WhatsApp user talking to the business.
  ///
  /// Agents see the profile beside the chat.
  message Contact {
    option deprecated = false;

    // How the contact first wrote.
    enum Origin {
      ORIGIN_UNSPECIFIED = 0;
      ORIGIN_WEBHOOK = 1 [deprecated = true];
      ORIGIN_API = 2;
      reserved 5, 8 to 10;
      reserved "ORIGIN_OLD";
    }

    /* The display name. */
    string name = 1;
    string phone = 2 [json_name = "phoneNumber"];
    optional string email = 3;
    repeated string tags = 4;
    map<string, string> attributes = 5;
    Origin origin = 6;
    common.Timestamp created_at = 7;
    .switchboard.ids.ContactId id = 8;
    repeated int64 campaign_ids = 9 [packed = true];
    map<int32, Note> notes = 10;

    oneof assignee {
      string agent_id = 11;
      BotState bot = 12;
    }

    message Note {
      string text = 1;
      double score = 2;
      float weight = 3;
      uint32 a = 4;
      uint64 b = 5;
      sint32 c = 6;
      sint64 d = 7;
      fixed32 e = 8;
      fixed64 f = 9;
      sfixed32 g = 10;
      sfixed64 h = 11;
      bool i = 12;
      bytes j = 13;
      Contact.Origin origin = 14;
    }

    reserved 13, 15 to 20, 100 to max;
    reserved "old_name", "legacy";
  }

  enum Section {
    SECTION_UNSPECIFIED = 0;
    SECTION_ACTIVE = 1;
    SECTION_REQUESTED = 2;
    SECTION_ACCEPTED = 3;
    SECTION_HISTORY = 4;
  }

  message BotState { bool running = 1; Section section = 2; }

  message InterveneRequest { ids.ContactId contact = 1; string agent_id = 2; }
  message InterveneResponse { Contact contact = 1; }
  message Event { oneof kind { Contact contact = 1; Section section = 2; } }

  // The live desk.
  service Desk {
    option deprecated = false;
    // An agent takes over.
    rpc Intervene(InterveneRequest) returns (InterveneResponse);
    rpc Watch(InterveneRequest) returns (stream Event) {
      option idempotency_level = NO_SIDE_EFFECTS;
    }
    rpc Upload(stream Event) returns (InterveneResponse) {};
    rpc Chat(stream Event) returns (stream Event);
  }
  """#

/// The files `richSchema` imports.
let richSchemaImports = [
  "common.proto": """
  syntax = "proto3";
  package switchboard.common;
  message Timestamp { int64 seconds = 1; int32 nanos = 2; }
  """,
  "ids.proto": """
  syntax = "proto3";
  package switchboard.ids;
  message ContactId { string value = 1; }
  """,
]

/// `richSchema` as `chat.proto` with its imports, ready for a source provider.
let richSchemaFiles = richSchemaImports.merging(["chat.proto": richSchema]) { first, _ in first }
