package dev.tinyreason.tokenizer;

import java.util.List;

/**
 * One chat turn, as in every chat API: who speaks, and what they say.
 *
 * @param role {@code "system"}, {@code "user"} or {@code "assistant"}
 * @param content the text; for the assistant it may hold a reasoning block
 *     {@code <think>...</think>} before the answer
 */
public record Message(String role, String content) {

    public static final List<String> ROLES = List.of("system", "user", "assistant");

    public Message {
        if (role == null || !ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be one of " + String.join(", ", ROLES)
                    + ", got " + (role == null ? "null" : "'" + role + "'"));
        }
        if (content == null) {
            throw new IllegalArgumentException("content of a " + role + " message must not be null; use \"\"");
        }
    }

    public static Message system(String content) {
        return new Message("system", content);
    }

    public static Message user(String content) {
        return new Message("user", content);
    }

    public static Message assistant(String content) {
        return new Message("assistant", content);
    }

    public boolean isAssistant() {
        return role.equals("assistant");
    }
}
