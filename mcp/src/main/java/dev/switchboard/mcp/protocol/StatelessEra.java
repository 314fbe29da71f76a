package dev.switchboard.mcp.protocol;

import java.util.List;

/**
 * The stateless era of MCP (protocol version 2026-07-28): no {@code initialize} and no session.
 * Each request carries, in {@code params._meta}, the keys below; a server refuses a request whose
 * {@code _meta} and HTTP headers disagree, whose version it does not speak, or that needs a client
 * capability the request did not declare, with the error codes below. Server and client both read
 * these names from here, so each key is written once.
 */
public final class StatelessEra {

    /** The stateless revision. */
    public static final String VERSION = "2026-07-28";
    /** Every stateless revision served, newest first. */
    public static final List<String> SUPPORTED = List.of(VERSION);

    /** {@code _meta} key: the request's protocol version. Its presence marks a stateless request. */
    public static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
    /** {@code _meta} key: the client's {@link Implementation}. */
    public static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
    /** {@code _meta} key: the client's {@link ClientCapabilities}. */
    public static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";
    /** {@code _meta} key: the lowest {@link LoggingLevel} the client wants log messages for. */
    public static final String META_LOG_LEVEL = "io.modelcontextprotocol/logLevel";
    /** {@code _meta} key of a {@code server/discover} result: the server's {@link Implementation}. */
    public static final String META_SERVER_INFO = "io.modelcontextprotocol/serverInfo";

    /** The method that replaces {@code initialize}: the server's versions, capabilities and info. */
    public static final String DISCOVER = "server/discover";

    /** Error: an HTTP header ({@code MCP-Protocol-Version}, {@code Mcp-Method}, {@code Mcp-Name}) disagrees with the body. */
    public static final int HEADER_MISMATCH = -32020;
    /** Error: the request needs a client capability its {@code _meta} does not declare. */
    public static final int MISSING_CAPABILITY = -32021;
    /** Error: the requested protocol version is not served; {@code data.supported} lists those that are. */
    public static final int UNSUPPORTED_VERSION = -32022;

    private StatelessEra() {}
}
