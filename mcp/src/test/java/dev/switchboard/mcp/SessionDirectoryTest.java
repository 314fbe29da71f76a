package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.spi.SessionHost;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The session seam a cluster plugs into: two servers sharing one directory answer each other's sessions. */
class SessionDirectoryTest {
    /** One shared store, a view per node; a node's writes reach the other nodes' listeners, as a KV watch would. */
    static final class SharedDirectory {
        final Map<String, SessionRecord> records = new ConcurrentHashMap<>();
        final List<View> views = new CopyOnWriteArrayList<>();

        View node() {
            View v = new View();
            views.add(v);
            return v;
        }

        final class View implements SessionDirectory {
            volatile Listener listener;

            @Override
            public void save(SessionRecord s) {
                records.put(s.id(), s);
                for (View v : views) if (v != this && v.listener != null) v.listener.changed(s);
            }

            @Override
            public Optional<SessionRecord> load(String id) {
                return Optional.ofNullable(records.get(id));
            }

            @Override
            public void remove(String id) {
                if (records.remove(id) == null) return;
                for (View v : views) if (v != this && v.listener != null) v.listener.removed(id);
            }

            @Override
            public int evictIdle(long beforeMs) {
                int n = 0;
                for (SessionRecord r : records.values()) {
                    if (r.lastActiveMs() < beforeMs) {
                        remove(r.id());
                        n++;
                    }
                }
                return n;
            }

            @Override
            public void listen(Listener l) {
                listener = l;
            }
        }
    }

    private final SharedDirectory shared = new SharedDirectory();
    private final McpServer a = server(shared.node());
    private final McpServer b = server(shared.node());

    private static McpServer server(SessionDirectory d) {
        return McpServer.builder("dir", "1").tool("echo", "echoes", ObjectNode.class, (x, c) -> "ok")
                .sessionDirectory(d).build();
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private static Session open(McpServer server) {
        Session s = (Session) ((SessionHost.Opened.Session) server.sessionHost().open("test")).session();
        RecordingExchange init = new RecordingExchange();
        s.handle(server.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-11-25\",\"capabilities\":{\"sampling\":{}},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}"), init);
        init.await();
        return s;
    }

    private static String call(McpServer server, String session, String json) {
        Session s = (Session) server.sessionHost().find(session);
        assertThat(s).as("session " + session + " on this node").isNotNull();
        RecordingExchange ex = new RecordingExchange();
        s.handle(server.codec().decode(json), ex);
        return ex.await().toString();
    }

    @Test
    void find_sessionOpenedOnAnotherNode_answersWithItsState() {
        Session onA = open(a);
        String answer = call(b, onA.id(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\"}}");
        assertThat(answer).contains("\"text\":\"ok\"");
        Session onB = (Session) b.sessionHost().find(onA.id());
        assertThat(onB.protocolVersion()).isEqualTo("2025-11-25");
        assertThat(onB.capabilities().sampling()).isNotNull();
    }

    @Test
    void setLevel_onOneNode_appliedToTheOtherNodesCopy() {
        Session onA = open(a);
        call(b, onA.id(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"error\"}}");
        assertThat(onA.logLevel()).isEqualTo(LoggingLevel.ERROR);
    }

    @Test
    void end_onOneNode_endsTheCopyOnTheOther() {
        Session onA = open(a);
        call(b, onA.id(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}");
        assertThat(b.sessionHost().end(onA.id())).isTrue();
        assertThat(onA.closed()).isTrue();
        assertThat(a.sessionHost().find(onA.id())).isNull();
        assertThat(shared.records).doesNotContainKey(onA.id());
    }

    @Test
    void close_oneNode_keepsItsSessionsForTheOthers() {
        Session onA = open(a);
        a.close();
        assertThat(shared.records).containsKey(onA.id());
        assertThat(call(b, onA.id(), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")).contains("\"result\"");
    }

    @Test
    void find_unknownSession_nullOnEveryNode() {
        assertThat(a.sessionHost().find("no-such-session")).isNull();
        assertThat(b.sessionHost().find("no-such-session")).isNull();
    }
}
