package dev.switchboard.examples;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.Tool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's changing resource: {@code switchboard://demo/ticker} reads as a counter, and the tool
 * {@code ticker_touch} advances it and tells the subscribers. The caller sets the pace, so a load
 * generator knows when each update left and can time its delivery to every subscriber
 * ({@code ./sb load fanout}).
 */
public final class Ticker {
    /** The resource's URI. */
    public static final String URI = "switchboard://demo/ticker";

    private final AtomicLong count = new AtomicLong();
    private final AtomicReference<McpServer> server;

    Ticker(AtomicReference<McpServer> server) {
        this.server = server;
    }

    /** The resource's text: how many times it changed. */
    String read() {
        return Long.toString(count.get());
    }

    @Tool(name = "ticker_touch", description = "Advances switchboard://demo/ticker and notifies its subscribers; answers the new count")
    public String touch() {
        long now = count.incrementAndGet();
        server.get().resourceUpdated(URI);
        return Long.toString(now);
    }
}
