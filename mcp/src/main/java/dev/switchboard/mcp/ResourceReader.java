package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.ResourceContents;
import java.util.Map;

/**
 * Reads a resource. Return a {@link String} (text), a {@code byte[]} (blob), one
 * {@link ResourceContents}, or a list of them. {@code variables} holds the URI template's
 * variables (empty for a fixed resource).
 */
@FunctionalInterface
public interface ResourceReader {
    Object read(String uri, Map<String, String> variables, Context context) throws Exception;
}
