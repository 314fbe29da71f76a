package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.Prompts;
import java.util.Map;

/**
 * Renders a prompt. Return a {@link Prompts.GetPromptResult}, a list of
 * {@link Prompts.PromptMessage}, or a {@link String} (one user message).
 */
@FunctionalInterface
public interface PromptHandler {
    Object get(Map<String, String> arguments, Context context) throws Exception;
}
