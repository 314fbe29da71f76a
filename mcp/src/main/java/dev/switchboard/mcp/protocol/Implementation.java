package dev.switchboard.mcp.protocol;

import java.util.List;
import java.util.Objects;

/**
 * Names an MCP client or server in the {@code initialize} exchange.
 *
 * @param name        programmatic name
 * @param title       optional display name
 * @param version     version string
 * @param description optional description of what it does
 * @param icons       optional icons
 * @param websiteUrl  optional home page
 */
public record Implementation(
        String name, String title, String version, String description, List<Icon> icons, String websiteUrl) {

    public Implementation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        icons = icons == null ? null : List.copyOf(icons);
    }

    /** An implementation with only a name and version. */
    public static Implementation of(String name, String version) {
        return new Implementation(name, null, version, null, null, null);
    }

    /** A copy with a display title. */
    public Implementation withTitle(String title) {
        return new Implementation(name, title, version, description, icons, websiteUrl);
    }
}
