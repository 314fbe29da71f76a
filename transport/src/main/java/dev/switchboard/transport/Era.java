package dev.switchboard.transport;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.protocol.StatelessEra;
import java.util.List;

/**
 * Which protocol era a message belongs to. One endpoint (and one stdio stream) serves both: the
 * session era (2025-03-26 to 2025-11-25: {@code initialize}, then an {@code Mcp-Session-Id}) and
 * the stateless era (2026-07-28: no session; every request names its version in
 * {@code params._meta}). The rule is decided here, for every transport.
 */
enum Era {
    SESSION, STATELESS;

    /** A message on a stream without headers (stdio): stateless when its {@code _meta} names the version. */
    static Era of(Decoded message) {
        return message instanceof Decoded.Request r && r.meta() != null && r.meta().has(StatelessEra.META_VERSION) ? STATELESS : SESSION;
    }

    /**
     * A POST: without a session id it is stateless when its {@code MCP-Protocol-Version} names a
     * version the session era does not speak, or its {@code _meta} names one; everything else is
     * session-era traffic, unchanged.
     */
    static Era ofPost(String sessionId, String versionHeader, Decoded message, List<String> sessionVersions) {
        if (sessionId != null) return SESSION;
        if (versionHeader != null && !sessionVersions.contains(versionHeader)) return STATELESS;
        return of(message);
    }

    /** A GET or DELETE: from a stateless client when it has no session id and names a version the session era does not speak. */
    static Era ofStreamRequest(String sessionId, String versionHeader, List<String> sessionVersions) {
        return sessionId == null && versionHeader != null && !sessionVersions.contains(versionHeader) ? STATELESS : SESSION;
    }
}
