// Placeholder until the chat-domain branch lands.
