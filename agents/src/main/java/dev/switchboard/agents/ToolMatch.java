package dev.switchboard.agents;

/**
 * A tool {@link ToolSearch} found for a query.
 *
 * @param name        the tool's name, as {@code tools/call} takes it
 * @param description its description (may be null)
 * @param score       similarity to the query in [0, 1], higher is closer
 */
public record ToolMatch(String name, String description, float score) {}
