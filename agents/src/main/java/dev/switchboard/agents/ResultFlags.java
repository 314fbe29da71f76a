package dev.switchboard.agents;

import dev.switchboard.mcp.codec.RawResult;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/*
 * Why a scan and not a record: a forwarded tools/call result stays JSON text (RawResult) so the
 * gateway builds nothing from it; pattern memory only needs to know whether the call failed, which
 * is one top-level member, read here with the streaming parser and nothing else built.
 */
final class ResultFlags {
    private static final JsonFactory JSON = new JsonFactory();

    private ResultFlags() {}

    /** Whether the CallToolResult's top-level {@code isError} is {@code true}. */
    static boolean isError(RawResult result) {
        try (JsonParser p = JSON.createParser(result.json())) {
            if (p.nextToken() != JsonToken.START_OBJECT) return false;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken value = p.nextToken();
                if (name.equals("isError")) return value == JsonToken.VALUE_TRUE;
                p.skipChildren();
            }
            return false;
        }
    }
}
