package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonValue;

/** The sender or recipient of a message in a conversation. */
public enum Role {
    USER("user"),
    ASSISTANT("assistant");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
