package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.LoggingLevel;
import java.util.Set;

/**
 * A session-era session as a {@link SessionDirectory} keeps it: what every node needs to answer
 * its requests.
 *
 * @param id              the session id
 * @param protocolVersion the negotiated revision, null before initialize
 * @param client          the client's name and version, null before initialize
 * @param capabilities    what the client offers
 * @param logLevel        the level set by {@code logging/setLevel}
 * @param subscriptions   the resource URIs it subscribes to
 * @param transport       the transport's name
 * @param lastActiveMs    its last activity, epoch ms (refreshed now and then, not on every message)
 */
public record SessionRecord(String id, String protocolVersion, Implementation client, ClientCapabilities capabilities,
                            LoggingLevel logLevel, Set<String> subscriptions, String transport, long lastActiveMs) {
    public SessionRecord {
        subscriptions = Set.copyOf(subscriptions);
    }
}
