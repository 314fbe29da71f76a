package dev.switchboard.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.SessionRecord;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two Switchboard nodes on one NATS: a session-era session's requests hop between them. */
class SessionHoppingTest {
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{\"sampling\":{}},\"clientInfo\":{\"name\":\"hopper\",\"version\":\"1\"}}}";
    private static LocalNats nats;
    private static Node a;
    private static Node b;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final java.util.concurrent.atomic.AtomicInteger holding = new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger interrupted = new java.util.concurrent.atomic.AtomicInteger();

    record Node(NatsCluster cluster, McpServer server, StreamableHttpServer http, URI uri) implements AutoCloseable {
        static Node start(String urls) throws Exception {
            NatsCluster cluster = NatsCluster.connect(ClusterSettings.of(urls));
            McpServer server = McpServer.builder("hop", "1")
                    .tool("add", "adds", Add.class, x -> String.valueOf(x.a() + x.b()))
                    .tool("hold", "waits until cancelled", tools.jackson.databind.node.ObjectNode.class, (x, c) -> {
                        holding.incrementAndGet();
                        try {
                            Thread.sleep(30_000);
                        } catch (InterruptedException e) {
                            interrupted.incrementAndGet();
                            throw e;
                        }
                        return "never";
                    })
                    .tool("ask", "samples the client", tools.jackson.databind.node.ObjectNode.class, (x, c) -> c.sample(
                            dev.switchboard.mcp.protocol.Sampling.CreateMessageParams.of(
                                    List.of(dev.switchboard.mcp.protocol.Sampling.SamplingMessage.user("hi")), 10)).model())
                    .resource("res://a", "a", "the resource", "text/plain", (uri, vars, ctx) -> "A")
                    .tool(new dev.switchboard.mcp.protocol.Tools.Tool("work", null, "sleeps, then names the node", tools.jackson.databind.node.JsonNodeFactory
                            .instance.objectNode().put("type", "object"), null, null, new dev.switchboard.mcp.protocol.Tools.ToolExecution("optional"),
                            null, null), (x, c) -> {
                                Thread.sleep(x.path("ms").asLong(300));
                                return "done by " + cluster.node();
                            })
                    .tasks(cluster::taskStore, dev.switchboard.tasks.TaskLimits.defaults())
                    .sessionDirectory(cluster.sessionDirectory()).build();
            cluster.bridgeNotifications(server.kernel());
            StreamableHttpServer h = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
            return new Node(cluster, server, h, URI.create("http://127.0.0.1:" + h.port() + "/mcp"));
        }

        @Override
        public void close() {
            server.close();
            cluster.close();
        }
    }

    static Node nodeOf(String n) { return n.equals("a") ? a : b; }

    record Add(double a, double b) {
    }

    @BeforeAll
    static void start() throws Exception {
        nats = LocalNats.start(1);
        a = Node.start(nats.urls());
        b = Node.start(nats.urls());
    }

    // null-safe: when start() failed part way, the failure it threw is the one to see
    @AfterAll
    static void stop() {
        if (a != null) a.close();
        if (b != null) b.close();
        if (nats != null) nats.close();
    }

    private static HttpResponse<String> post(Node n, String session, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(n.uri()).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) r.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String open(Node n) throws Exception {
        HttpResponse<String> r = post(n, null, INIT);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.headers().firstValue("mcp-session-id").orElseThrow();
    }

    @Test
    void session_requestsOnEitherNode_answeredAndStateShared() throws Exception {
        String s = open(a);
        assertThat(post(b, s, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode()).isEqualTo(202);
        HttpResponse<String> call = post(b, s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3}}}");
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.body()).contains("\"text\":\"5.0\"");
        assertThat(post(a, s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"error\"}}").statusCode())
                .isEqualTo(200);
        SessionRecord stored = b.cluster().sessionDirectory().load(s).orElseThrow();
        assertThat(stored.logLevel()).isEqualTo(LoggingLevel.ERROR);
        assertThat(stored.client().name()).isEqualTo("hopper");
        assertThat(stored.capabilities().sampling()).isNotNull();
    }

    @Test
    void cancelled_onAnotherNode_interruptsTheRequestWhereItRuns() throws Exception {
        String s = open(a);
        post(a, s, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        HttpRequest call = HttpRequest.newBuilder(a.uri()).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Mcp-Session-Id", s)
                .header("MCP-Protocol-Version", "2025-11-25").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":\"long-1\",\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}}")).build();
        int before = interrupted.get();
        int started = holding.get();
        http.sendAsync(call, HttpResponse.BodyHandlers.discarding());
        await().atMost(Duration.ofSeconds(5)).until(() -> holding.get() > started);
        assertThat(post(b, s, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"long-1\"}}")
                .statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> interrupted.get() > before);
    }

    @Test
    void samplingAnswer_postedToAnotherNode_reachesTheHandlerThatAsked() throws Exception {
        String s = open(a);
        post(a, s, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        HttpRequest call = HttpRequest.newBuilder(a.uri()).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Mcp-Session-Id", s)
                .header("MCP-Protocol-Version", "2025-11-25").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"ask\"}}")).build();
        HttpResponse<InputStream> stream = http.send(call, HttpResponse.BodyHandlers.ofInputStream());
        try (var in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String ask = dataLine(in);
            assertThat(ask).contains("sampling/createMessage");
            var request = tools.jackson.databind.json.JsonMapper.builder().build().readTree(ask.substring("data: ".length()));
            String id = request.get("id").asString();
            assertThat(id).startsWith("s-" + a.cluster().node() + "-");
            HttpResponse<String> answered = post(b, s, "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":{\"role\":\"assistant\","
                    + "\"content\":{\"type\":\"text\",\"text\":\"hello\"},\"model\":\"model-on-b\"}}");
            assertThat(answered.statusCode()).isEqualTo(202);
            String result = dataLine(in);
            assertThat(result).contains("\"id\":7").contains("model-on-b").doesNotContain("\"error\"");
        }
    }

    private static String dataLine(BufferedReader in) throws java.io.IOException {
        for (String line; (line = in.readLine()) != null; ) if (line.startsWith("data: {")) return line;
        throw new java.io.EOFException("the stream ended");
    }

    @Test
    void answer_forAnUnknownNodeOrMalformed_countedAndTheNodesCarryOn() throws Exception {
        String s = open(a);
        long before = b.cluster().rejectedMessages();
        assertThat(post(b, s, "{\"jsonrpc\":\"2.0\",\"id\":\"s-node-nobody-1\",\"result\":{}}").statusCode()).isEqualTo(202);
        var nc = a.cluster().connection();
        nc.publish(SessionMessages.replySubject(b.cluster().node()), "garbage".getBytes(StandardCharsets.UTF_8));
        nc.publish(SessionMessages.replySubject(b.cluster().node()), SessionMessages.replyHeaders(s), "{\"not\":\"json-rpc\"}".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(5)).until(() -> b.cluster().rejectedMessages() >= before + 2);
        assertThat(post(b, s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}").statusCode()).isEqualTo(200);
        // a corrupt record in the bucket: counted, and the session it names is simply not found
        nc.keyValue(SessionStreams.BUCKET).put("cOrRuPtReCoRd0", "{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(post(a, "cOrRuPtReCoRd0", "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}").statusCode()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.cluster().rejectedMessages() >= before + 3); // b's watch saw it too
    }

    /** An open GET stream's events (id, data) as they arrive. */
    record Events(HttpResponse<InputStream> response, List<String[]> seen) implements AutoCloseable {
        static Events open(Node n, String session, String lastEventId) throws Exception {
            return open(n.uri(), session, lastEventId);
        }

        static Events open(int port, String session, String lastEventId) throws Exception {
            return open(URI.create("http://127.0.0.1:" + port + "/mcp"), session, lastEventId);
        }

        static Events open(URI uri, String session, String lastEventId) throws Exception {
            HttpRequest.Builder get = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").header("Mcp-Session-Id", session)
                    .header("MCP-Protocol-Version", "2025-11-25").GET();
            if (lastEventId != null) get.header("Last-Event-ID", lastEventId);
            HttpResponse<InputStream> r = http.send(get.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.statusCode()).isEqualTo(200);
            List<String[]> seen = new CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                try (var in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                    String id = null;
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.startsWith("id: ")) id = line.substring(4);
                        if (line.startsWith("data: {")) seen.add(new String[] {id, line});
                    }
                } catch (Exception e) {
                    // closed by the test
                }
            });
            return new Events(r, seen);
        }

        String lastId() {
            return seen.getLast()[0];
        }

        @Override
        public void close() throws Exception {
            response.body().close();
        }
    }

    @Test
    void getStream_resumedOnAnotherNode_replaysExactlyTheMissedEventsThenContinuesLive() throws Exception {
        String s = open(a);
        post(a, s, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        post(a, s, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"res://a\"}}");
        String lastSeen;
        try (Events onA = Events.open(a, s, null)) {
            Thread.sleep(200); // A holds the stream
            a.server().resourceUpdated("res://a");
            a.server().resourceUpdated("res://a");
            await().atMost(Duration.ofSeconds(5)).until(() -> onA.seen().size() == 2);
            lastSeen = onA.lastId();
        }
        Thread.sleep(200); // the client is gone; A keeps the stream and journals what follows
        for (int i = 0; i < 3; i++) a.server().resourceUpdated("res://a");
        Thread.sleep(300);
        try (Events onB = Events.open(b, s, lastSeen)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> onB.seen().size() == 3);
            List<String> ids = onB.seen().stream().map(e -> e[0]).toList();
            String stream = lastSeen.substring(0, lastSeen.lastIndexOf('/'));
            assertThat(ids).allMatch(id -> id.startsWith(stream + "/")).doesNotHaveDuplicates();
            assertThat(ids.stream().mapToLong(SessionHoppingTest::position)).isSorted().allMatch(p -> p > position(lastSeen));
            Thread.sleep(300); // B holds the stream now; A has let go
            b.server().resourceUpdated("res://a");
            await().atMost(Duration.ofSeconds(5)).until(() -> onB.seen().size() == 4);
            Thread.sleep(300);
            assertThat(onB.seen()).hasSize(4).allMatch(e -> e[1].contains("notifications/resources/updated"));
            assertThat(onB.lastId()).startsWith(stream + "/");
            assertThat(position(onB.lastId())).isGreaterThan(position(ids.getLast()));
        }
    }

    static long position(String eventId) {
        return Long.parseLong(eventId.substring(eventId.lastIndexOf('/') + 1));
    }

    @Test
    void getStream_eventsRaisedOnBothNodes_journaledOnceEach_andReplayedOnceOnResume() throws Exception {
        String s = open(a);
        post(a, s, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        post(a, s, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"res://a\"}}");
        String lastSeen;
        try (Events onA = Events.open(a, s, null)) {
            Thread.sleep(300); // A holds the stream; B has heard so and adopted the session
            a.server().resourceUpdated("res://a");
            await().atMost(Duration.ofSeconds(5)).until(() -> onA.seen().size() == 1);
            lastSeen = onA.lastId();
        }
        Thread.sleep(200);
        // raised on both nodes alike (the bridge delivers each on both): each is journaled once
        a.server().resourceUpdated("res://a");
        b.server().resourceUpdated("res://a");
        Thread.sleep(300);
        try (Events onB = Events.open(b, s, lastSeen)) {
            await().atMost(Duration.ofSeconds(5)).until(() -> onB.seen().size() >= 2);
            Thread.sleep(500);
            assertThat(onB.seen()).hasSize(2).allMatch(e -> e[1].contains("notifications/resources/updated"));
        }
    }

    /** A 2026-07-28 request (no session), declaring the tasks extension. */
    private static HttpRequest stateless(Node n, String method, String params) {
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientInfo\":{\"name\":\"t\",\"version\":\"1\"},"
                + "\"io.modelcontextprotocol/clientCapabilities\":{\"extensions\":{\"io.modelcontextprotocol/tasks\":{}}}}";
        HttpRequest.Builder r = HttpRequest.newBuilder(n.uri()).header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", "2026-07-28").header("Mcp-Method", method)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{" + params + "," + meta + "}}"));
        if (method.equals("tools/call")) r.header("Mcp-Name", "work");
        return r.build();
    }

    @Test
    void listenStreams_onEveryNode_hearTheTaskWhereverItRuns_onceEach() throws Exception {
        String created = http.send(stateless(a, "tools/call", "\"name\":\"work\",\"arguments\":{\"ms\":1500}"), HttpResponse.BodyHandlers.ofString()).body();
        var m = java.util.regex.Pattern.compile("\"taskId\":\"([^\"]+)\"").matcher(created);
        assertThat(m.find()).as(created).isTrue();
        String taskId = m.group(1);
        List<List<String>> heard = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
        List<HttpResponse<java.util.stream.Stream<String>>> listens = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            var r = http.send(stateless(i == 0 ? a : b, "subscriptions/listen", "\"notifications\":{\"taskIds\":[\"" + taskId + "\"]}"),
                    HttpResponse.BodyHandlers.ofLines());
            listens.add(r);
            List<String> into = heard.get(i);
            Thread.ofVirtual().start(() -> {
                try {
                    r.body().filter(l -> l.contains("notifications/tasks\"")).forEach(into::add);
                } catch (RuntimeException e) {
                    // closed by the test
                }
            });
        }
        for (List<String> h : heard)
            await().atMost(Duration.ofSeconds(15)).until(() -> h.stream().anyMatch(l -> l.contains("\"completed\"")));
        Thread.sleep(500);
        for (List<String> h : heard) assertThat(h.stream().filter(l -> l.contains("\"completed\""))).hasSize(1);
        listens.forEach(r -> r.body().close());
    }

    @Test
    void delete_onOneNode_sessionGoneOnTheOther() throws Exception {
        String s = open(a);
        assertThat(post(b, s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(a.uri()).header("Mcp-Session-Id", s)
                .header("MCP-Protocol-Version", "2025-11-25").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isIn(200, 204);
        await().atMost(Duration.ofSeconds(5)).until(() -> post(b, s, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}").statusCode() == 404);
    }

    @Test
    void unknownSession_onAnyNode_notFound() throws Exception {
        assertThat(post(a, "nOsUcHsEsSiOnAnYwHeRe0", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}").statusCode()).isEqualTo(404);
        assertThat(post(b, "../../etc", "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}").statusCode()).isIn(400, 404);
    }

    @Test
    void foreignMessages_onTheClusterSubjects_ignoredAndTheNodesCarryOn() throws Exception {
        var nc = a.cluster().connection();
        nc.publish(NotificationBridge.SUBJECT, "not ours".getBytes(StandardCharsets.UTF_8));
        nc.publish(NotificationBridge.SUBJECT, new io.nats.client.impl.Headers().put("Sb-Node", "x").put("Sb-Path", "/etc/passwd")
                .put("Sb-Event", "x.1"), new byte[] {(byte) 0xff});
        nc.flush(Duration.ofSeconds(2));
        String s = open(b);
        assertThat(post(a, s, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void resourceUpdated_onAnotherNode_reachesTheStreamOnce() throws Exception {
        String s = open(a);
        post(a, s, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        List<String> events = new CopyOnWriteArrayList<>();
        HttpRequest get = HttpRequest.newBuilder(a.uri()).header("Accept", "text/event-stream").header("Mcp-Session-Id", s)
                .header("MCP-Protocol-Version", "2025-11-25").GET().build();
        HttpResponse<InputStream> stream = http.send(get, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) if (line.startsWith("data: {")) events.add(line);
            } catch (Exception e) {
                // the stream closes when the test ends
            }
        });
        Node sub = nodeOf(System.getProperty("subNode", "b"));
        Node pub = nodeOf(System.getProperty("pubNode", "b"));
        HttpResponse<String> subR = post(sub, s, "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"res://a\"}}");
        assertThat(subR.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            pub.server().resourceUpdated("res://a"); // until A has heard of the subscription made on B
            return !events.isEmpty();
        });
        Thread.sleep(300); // the updates the wait above sent are all in
        int seen = events.size();
        b.server().resourceUpdated("res://a");
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == seen + 1);
        Thread.sleep(300);
        assertThat(events).hasSize(seen + 1).allMatch(e -> e.contains("notifications/resources/updated"));
        reader.interrupt();
    }
}
