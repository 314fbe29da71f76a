package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.spi.Exchange;
import dev.switchboard.mcp.spi.ServerSession;
import dev.switchboard.mcp.spi.SessionHost;
import java.util.List;

/* The server's side of the transport seam, kept off the public API of McpServer. */
final class ServerSessionHost implements SessionHost {
    private final SessionTable sessions;
    private final Dispatcher dispatcher;
    private final StatelessDispatcher stateless;

    ServerSessionHost(SessionTable sessions, Dispatcher dispatcher, StatelessDispatcher stateless) {
        this.sessions = sessions;
        this.dispatcher = dispatcher;
        this.stateless = stateless;
    }

    @Override
    public Opened open(String transportName) {
        Session s = sessions.open(transportName, dispatcher);
        if (s == null)
            return new Opened.Full("session limit of " + sessions.max() + " reached (sessions.max); end idle sessions with DELETE or raise the limit");
        return new Opened.Session(s);
    }

    @Override
    public ServerSession find(String id) {
        return sessions.find(id);
    }

    @Override
    public boolean end(String id) {
        return sessions.end(id, Session.End.DELETED);
    }

    @Override
    public void handleStateless(Decoded message, Exchange exchange) {
        stateless.handle(message, exchange);
    }

    @Override
    public List<String> supportedVersions() {
        return ProtocolVersion.SUPPORTED;
    }
}
