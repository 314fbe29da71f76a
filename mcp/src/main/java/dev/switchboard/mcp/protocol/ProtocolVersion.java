package dev.switchboard.mcp.protocol;

import java.util.List;

/**
 * The MCP protocol revisions Switchboard speaks, and the negotiation rule of the
 * {@code initialize} exchange: answer with the client's version when supported, else with the
 * latest one (the client then decides whether to disconnect).
 */
public final class ProtocolVersion {

    /** The current revision. */
    public static final String V2025_11_25 = "2025-11-25";
    /** Structured tool output, elicitation; no JSON-RPC batches. */
    public static final String V2025_06_18 = "2025-06-18";
    /** Streamable HTTP, tool annotations; JSON-RPC batches allowed. */
    public static final String V2025_03_26 = "2025-03-26";
    /**
     * The first revision: HTTP+SSE, JSON-RPC batches. Spoken for the clients of the legacy SSE
     * transport, which offer nothing newer (the official Java SDK's); the engine serves it as
     * 2025-03-26, whose additions such clients ignore.
     */
    public static final String V2024_11_05 = "2024-11-05";
    /** The revision offered when the client asks for one we do not support. */
    public static final String LATEST = V2025_11_25;
    /** Every supported revision, newest first. */
    public static final List<String> SUPPORTED = List.of(V2025_11_25, V2025_06_18, V2025_03_26, V2024_11_05);

    private ProtocolVersion() {}

    /** True when {@code version} is one of {@link #SUPPORTED}. */
    public static boolean isSupported(String version) {
        return version != null && SUPPORTED.contains(version);
    }

    /** The version to answer {@code requested} with. */
    public static String negotiate(String requested) {
        return isSupported(requested) ? requested : LATEST;
    }

    /**
     * True when {@code version} allows JSON-RPC batches: 2025-03-26 and 2024-11-05 do; 2025-06-18
     * removed them.
     */
    public static boolean allowsBatches(String version) {
        return V2025_03_26.equals(version) || V2024_11_05.equals(version);
    }
}
