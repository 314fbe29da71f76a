package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;

/**
 * What a handler may know about its session.
 *
 * @param id              the session id ({@code Mcp-Session-Id})
 * @param protocolVersion the negotiated revision
 * @param client          the client's name and version, {@code null} before initialize
 * @param capabilities    what the client offers (sampling, elicitation, roots)
 * @param transport       the transport's name: {@code stdio}, {@code http}, …
 */
public record SessionInfo(String id, String protocolVersion, Implementation client, ClientCapabilities capabilities, String transport) {}
