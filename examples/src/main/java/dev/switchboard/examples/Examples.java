package dev.switchboard.examples;

import dev.switchboard.mcp.McpServer;
import java.util.Iterator;
import java.util.List;

/** The example servers by name, for {@code ./sb serve --example NAME}. */
public final class Examples {
    private Examples() {}

    /** Every example's name. */
    public static final List<String> NAMES = List.of("demo", "everything");

    /** Completion candidates for the CLI. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return NAMES.iterator();
        }
    }

    /** Builds the example {@code name} on {@code builder} (which carries the kernel and settings). */
    public static McpServer create(String name, McpServer.Builder builder) {
        return switch (name) {
            case "demo" -> DemoServer.create(builder);
            case "everything" -> EverythingServer.create(builder);
            default -> throw new IllegalArgumentException("no example named '" + name + "'; choose one of " + NAMES);
        };
    }
}
