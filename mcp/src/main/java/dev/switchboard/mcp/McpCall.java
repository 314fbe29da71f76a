package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.spi.Exchange;

/**
 * The body of the kernel message that carries one MCP feature request: data only. Where it goes is
 * the router's decision (its path, {@code tools://call/{name}} and the like), and what runs it is
 * the route's target, built once at registration; nothing here carries the dispatcher or a closure.
 *
 * @param round the stateless era's input round, or {@code null} in the session era
 * @param frame the request's validated context frame
 */
record McpCall(Session session, Decoded.Request request, Exchange exchange, Session.InFlight inFlight, InputRound round, ContextFrame frame) {}
