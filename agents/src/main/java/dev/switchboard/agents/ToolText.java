package dev.switchboard.agents;

import dev.switchboard.mcp.protocol.Tools;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/*
 * Why a text of its own: an embedding model reads prose, not JSON. A tool is described to it by
 * its name split into words ("read_file" -> "read file"), title, description and each argument's
 * name and description; schema punctuation would only dilute the meaning.
 */
final class ToolText {
    private ToolText() {}

    static String of(Tools.Tool tool) {
        StringBuilder text = new StringBuilder(words(tool.name()));
        if (tool.title() != null) text.append(". ").append(tool.title());
        if (tool.description() != null) text.append(". ").append(tool.description());
        JsonNode properties = tool.inputSchema().get("properties");
        if (properties != null && properties.isObject()) {
            text.append(". Arguments:");
            for (Map.Entry<String, JsonNode> p : properties.properties()) {
                text.append(' ').append(words(p.getKey()));
                JsonNode d = p.getValue().get("description");
                if (d != null && d.isString()) text.append(" (").append(d.asString()).append(')');
                text.append(',');
            }
            text.setLength(text.length() - 1);
        }
        return text.toString();
    }

    /** {@code "files.read_file"} and {@code "readFile"} both become {@code "files read file"}. */
    static String words(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replaceAll("[_\\-.:/]+", " ").toLowerCase(java.util.Locale.ROOT).trim();
    }
}
