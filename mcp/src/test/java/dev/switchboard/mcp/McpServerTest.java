package dev.switchboard.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.Prompts;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.Resources;
import dev.switchboard.mcp.protocol.Sampling;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.mcp.spi.SessionHost;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class McpServerTest {
    record Add(double a, double b) {}

    record Sum(double sum) {}

    static final class Annotated {
        @Tool(description = "Multiplies two integers", readOnly = true)
        public long multiply(@Arg(description = "left") long x, long y) {
            return x * y;
        }

        @Tool(name = "whoami", description = "The client's name")
        public String who(Context context) {
            return context.session().client().name() + " " + context.headers().get("x-test");
        }
    }

    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private final McpServer server = McpServer.builder("test", "1.0")
            .tool("add", "Adds a and b", Add.class, a -> String.valueOf(a.a() + a.b()))
            .tool("sum", "Adds with structured output", Add.class, Sum.class, (a, c) -> new Sum(a.a() + a.b()))
            .tool("fail", "Always fails", ObjectNode.class, (a, c) -> { throw new IllegalStateException("it broke"); })
            .tool("progress", "Reports progress and logs", ObjectNode.class, (a, c) -> {
                c.progress(1, 2.0, "half");
                c.log(LoggingLevel.DEBUG, "t", "debug line");
                c.log(LoggingLevel.WARNING, "t", "warning line");
                c.progress(2, 2.0, "done");
                return "ok";
            })
            .tool("slow", "Waits", ObjectNode.class, (a, c) -> {
                slowRelease.await();
                return "released";
            })
            .tool("ask", "Samples", ObjectNode.class, (a, c) -> c.sample(Sampling.CreateMessageParams.of(List.of(Sampling.SamplingMessage.user("hi")), 10)).model())
            .tools(new Annotated())
            .resource("test://static", "static", "A static text", "text/plain", (uri, vars, c) -> "hello")
            .resourceTemplate("test://item/{id}/data", "item", "Items", "application/json", (uri, vars, c) -> "{\"id\":\"" + vars.get("id") + "\"}")
            .prompt("greet", "Greets", List.of(Prompts.PromptArgument.required("name", "who")), (args, c) -> "Hello " + args.get("name"))
            .completion(Completion.Reference.prompt("greet"), "name", (value, others) -> List.of("alice", "albert", "bob").stream().filter(s -> s.startsWith(value)).toList())
            .build();
    private long ids;

    @AfterEach
    void close() {
        slowRelease.countDown();
        server.close();
    }

    private Session session() {
        Session s = (Session) ((SessionHost.Opened.Session) server.sessionHost().open("test")).session();
        JsonNode init = call(s, "initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"sampling\":{}},\"clientInfo\":{\"name\":\"tester\",\"version\":\"1\"}}");
        assertThat(init.at("/result/protocolVersion").asString()).isEqualTo("2025-11-25");
        return s;
    }

    private JsonNode call(Session s, String method, String params) {
        return send(s, method, params, new RecordingExchange());
    }

    private JsonNode send(Session s, String method, String params, RecordingExchange ex) {
        String json = "{\"jsonrpc\":\"2.0\",\"id\":" + (++ids) + ",\"method\":\"" + method + "\"" + (params == null ? "" : ",\"params\":" + params) + "}";
        s.handle(server.codec().decode(json), ex);
        return ex.await();
    }

    @Test
    void initialize_unknownVersion_isAnsweredWithTheLatest() {
        Session s = (Session) ((SessionHost.Opened.Session) server.sessionHost().open("test")).session();
        JsonNode r = call(s, "initialize", "{\"protocolVersion\":\"1999-01-01\",\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}");
        assertThat(r.at("/result/protocolVersion").asString()).isEqualTo(ProtocolVersion.LATEST);
        assertThat(r.at("/result/capabilities/tools/listChanged").asBoolean()).isTrue();
        assertThat(r.at("/result/serverInfo/name").asString()).isEqualTo("test");
    }

    @Test
    void request_beforeInitialize_isRefused() {
        Session s = (Session) ((SessionHost.Opened.Session) server.sessionHost().open("test")).session();
        assertThat(call(s, "tools/list", null).at("/error/code").asInt()).isEqualTo(-32600);
        assertThat(call(s, "ping", null).get("result").isEmpty()).isTrue();
    }

    @Test
    void toolsList_listsEveryToolWithGeneratedSchemas() {
        JsonNode r = call(session(), "tools/list", null);
        List<String> names = r.at("/result/tools").valueStream().map(t -> t.get("name").asString()).toList();
        assertThat(names).containsExactly("add", "sum", "fail", "progress", "slow", "ask", "multiply", "whoami");
        JsonNode add = r.at("/result/tools/0/inputSchema");
        assertThat(add.at("/properties/a/type").asString()).isEqualTo("number");
        assertThat(add.get("required").toString()).contains("a", "b");
        JsonNode multiply = r.at("/result/tools/6");
        assertThat(multiply.at("/inputSchema/properties/x/description").asString()).isEqualTo("left");
        assertThat(multiply.at("/annotations/readOnlyHint").asBoolean()).isTrue();
        assertThat(r.at("/result/tools/1/outputSchema/properties/sum/type").asString()).isEqualTo("number");
    }

    @Test
    void toolsList_paginates_withOpaqueCursors() {
        McpServer small = McpServer.builder("p", "1").settings(McpSettings.defaults().withPageSize(3))
                .tool("a", "a", ObjectNode.class, (x, c) -> "").tool("b", "b", ObjectNode.class, (x, c) -> "")
                .tool("c", "c", ObjectNode.class, (x, c) -> "").tool("d", "d", ObjectNode.class, (x, c) -> "").build();
        try {
            Session s = (Session) ((SessionHost.Opened.Session) small.sessionHost().open("t")).session();
            s.handle(small.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}"), new RecordingExchange());
            RecordingExchange first = new RecordingExchange();
            s.handle(small.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}"), first);
            JsonNode page1 = first.await();
            assertThat(page1.at("/result/tools").size()).isEqualTo(3);
            String cursor = page1.at("/result/nextCursor").asString();
            RecordingExchange second = new RecordingExchange();
            s.handle(small.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\",\"params\":{\"cursor\":\"" + cursor + "\"}}"), second);
            JsonNode page2 = second.await();
            assertThat(page2.at("/result/tools/0/name").asString()).isEqualTo("d");
            assertThat(page2.at("/result/nextCursor").isMissingNode()).isTrue();
            RecordingExchange bad = new RecordingExchange();
            s.handle(small.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/list\",\"params\":{\"cursor\":\"forged\"}}"), bad);
            assertThat(bad.await().at("/error/code").asInt()).isEqualTo(-32602);
        } finally {
            small.close();
        }
    }

    @Test
    void toolsCall_add_answersTheSumAsText() {
        JsonNode r = call(session(), "tools/call", "{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3}}");
        assertThat(r.at("/result/content/0/text").asString()).isEqualTo("5.0");
        assertThat(r.at("/result/isError").isMissingNode()).isTrue();
    }

    @Test
    void toolsCall_structuredOutput_isSentAsStructuredContentAndText() {
        JsonNode r = call(session(), "tools/call", "{\"name\":\"sum\",\"arguments\":{\"a\":2,\"b\":3}}");
        assertThat(r.at("/result/structuredContent/sum").asDouble()).isEqualTo(5.0);
        assertThat(r.at("/result/content/0/text").asString()).contains("\"sum\":5.0");
    }

    @Test
    void toolsCall_invalidArguments_isAToolErrorNamingTheProblem() {
        JsonNode r = call(session(), "tools/call", "{\"name\":\"add\",\"arguments\":{\"a\":\"two\"}}");
        assertThat(r.at("/result/isError").asBoolean()).isTrue();
        assertThat(r.at("/result/content/0/text").asString()).contains("Invalid arguments for tool 'add'").contains("b");
    }

    @Test
    void toolsCall_unknownTool_isInvalidParams() {
        JsonNode r = call(session(), "tools/call", "{\"name\":\"nope\"}");
        assertThat(r.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(r.at("/error/message").asString()).contains("nope");
    }

    @Test
    void toolsCall_throwingTool_isAToolErrorWithItsMessage() {
        JsonNode r = call(session(), "tools/call", "{\"name\":\"fail\"}");
        assertThat(r.at("/result/isError").asBoolean()).isTrue();
        assertThat(r.at("/result/content/0/text").asString()).isEqualTo("it broke");
    }

    @Test
    void toolsCall_annotatedTool_getsContextAndHeaders() {
        assertThat(call(session(), "tools/call", "{\"name\":\"multiply\",\"arguments\":{\"x\":6,\"y\":7}}").at("/result/content/0/text").asString()).isEqualTo("42");
        assertThat(call(session(), "tools/call", "{\"name\":\"whoami\"}").at("/result/content/0/text").asString()).isEqualTo("tester [yes]");
    }

    @Test
    void progressAndLogs_goOutBeforeTheResponse_filteredByLogLevel() {
        Session s = session();
        assertThat(call(s, "logging/setLevel", "{\"level\":\"info\"}").get("result").isEmpty()).isTrue();
        RecordingExchange ex = new RecordingExchange();
        JsonNode r = send(s, "tools/call", "{\"name\":\"progress\",\"_meta\":{\"progressToken\":\"p1\"}}", ex);
        assertThat(r.at("/result/content/0/text").asString()).isEqualTo("ok");
        assertThat(ex.related).extracting(n -> n.get("method").asString())
                .containsExactly("notifications/progress", "notifications/message", "notifications/progress");
        assertThat(ex.related.get(0).at("/params/progressToken").asString()).isEqualTo("p1");
        assertThat(ex.related.get(1).at("/params/data").asString()).isEqualTo("warning line");
    }

    @Test
    void cancelled_interruptsTheHandlerAndSendsNoResponse() throws Exception {
        Session s = session();
        RecordingExchange ex = new RecordingExchange();
        s.handle(server.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":\"slow-1\",\"method\":\"tools/call\",\"params\":{\"name\":\"slow\"}}"), ex);
        Thread.sleep(100);
        s.handle(server.codec().decode("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":\"slow-1\"}}"), new RecordingExchange());
        assertThat(ex.await()).isNull();
        assertThat(ex.abandoned).isTrue();
    }

    @Test
    void sampling_isAServerToClientRequestAnsweredOnTheSameSession() {
        Session s = session();
        RecordingExchange ex = new RecordingExchange(n -> {
            if ("sampling/createMessage".equals(n.path("method").asString(null))) {
                String answer = "{\"jsonrpc\":\"2.0\",\"id\":\"" + n.get("id").asString() + "\",\"result\":{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"hey\"},\"model\":\"m-1\"}}";
                Thread.ofVirtual().start(() -> s.handle(server.codec().decode(answer), new RecordingExchange()));
            }
        });
        assertThat(send(s, "tools/call", "{\"name\":\"ask\"}", ex).at("/result/content/0/text").asString()).isEqualTo("m-1");
    }

    @Test
    void resources_readFixedAndTemplated_unknownIsNotFound() {
        Session s = session();
        assertThat(call(s, "resources/list", null).at("/result/resources/0/uri").asString()).isEqualTo("test://static");
        assertThat(call(s, "resources/templates/list", null).at("/result/resourceTemplates/0/uriTemplate").asString()).isEqualTo("test://item/{id}/data");
        assertThat(call(s, "resources/read", "{\"uri\":\"test://static\"}").at("/result/contents/0/text").asString()).isEqualTo("hello");
        assertThat(call(s, "resources/read", "{\"uri\":\"test://item/42/data\"}").at("/result/contents/0/text").asString()).isEqualTo("{\"id\":\"42\"}");
        JsonNode missing = call(s, "resources/read", "{\"uri\":\"test://nothing\"}");
        assertThat(missing.at("/error/code").asInt()).isEqualTo(-32002);
        assertThat(missing.at("/error/message").asString()).contains("test://nothing");
    }

    @Test
    void resourceUpdated_reachesOnlySubscribedSessionsOnTheirChannel() throws Exception {
        Session a = session(), b = session();
        CountDownLatch got = new CountDownLatch(1);
        List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        a.attach(m -> { received.add(new String(m)); got.countDown(); return true; });
        b.attach(m -> { received.add("b:" + new String(m)); return true; });
        assertThat(call(a, "resources/subscribe", "{\"uri\":\"test://static\"}").get("result").isEmpty()).isTrue();
        server.resourceUpdated("test://static");
        assertThat(got.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(received).singleElement().asString().contains("notifications/resources/updated", "test://static");
        call(a, "resources/unsubscribe", "{\"uri\":\"test://static\"}");
    }

    @Test
    void addTool_atRunTime_notifiesListChanged() throws Exception {
        Session s = session();
        CountDownLatch got = new CountDownLatch(1);
        s.attach(m -> { if (new String(m).contains("notifications/tools/list_changed")) got.countDown(); return true; });
        server.addTool(Tools.Tool.withoutArguments("late", "added later"), (a, c) -> "late");
        assertThat(got.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(call(s, "tools/call", "{\"name\":\"late\"}").at("/result/content/0/text").asString()).isEqualTo("late");
    }

    @Test
    void toolListing_view_hidesToolsFromTheListOnly_andNotifiesListChanged() throws Exception {
        Session s = session();
        CountDownLatch got = new CountDownLatch(1);
        s.attach(m -> { if (new String(m).contains("notifications/tools/list_changed")) got.countDown(); return true; });
        server.toolListing(all -> all.stream().filter(t -> t.name().equals("sum")).toList());
        assertThat(got.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(call(s, "tools/list", null).at("/result/tools").valueStream().map(t -> t.get("name").asString()).toList()).containsExactly("sum");
        assertThat(call(s, "tools/call", "{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2}}").at("/result/content/0/text").asString()).isEqualTo("3.0");
        assertThat(server.tools()).hasSize(8);
    }

    @Test
    void addResourceAndPrompt_atRunTime_notifyTheirListChanges() throws Exception {
        Session s = session();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        s.attach(m -> { seen.add(new String(m)); return true; });
        server.addResource(Resources.Resource.of("test://late", "late", "text/plain"), (uri, vars, c) -> "late");
        server.addPrompt(Prompts.Prompt.of("late", "a late prompt"), (args, c) -> "late");
        org.awaitility.Awaitility.await().until(() -> seen.size() == 2);
        assertThat(seen.get(0)).contains("notifications/resources/list_changed");
        assertThat(seen.get(1)).contains("notifications/prompts/list_changed");
        assertThat(call(s, "resources/read", "{\"uri\":\"test://late\"}").at("/result/contents/0/text").asString()).isEqualTo("late");
    }

    @Test
    void prompts_getWithArguments_missingRequiredIsInvalidParams() {
        Session s = session();
        assertThat(call(s, "prompts/list", null).at("/result/prompts/0/name").asString()).isEqualTo("greet");
        assertThat(call(s, "prompts/get", "{\"name\":\"greet\",\"arguments\":{\"name\":\"Ann\"}}").at("/result/messages/0/content/text").asString()).isEqualTo("Hello Ann");
        assertThat(call(s, "prompts/get", "{\"name\":\"greet\"}").at("/error/message").asString()).contains("Missing required argument 'name'");
    }

    @Test
    void completion_suggestsValues() {
        JsonNode r = call(session(), "completion/complete", "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"greet\"},\"argument\":{\"name\":\"name\",\"value\":\"al\"}}");
        assertThat(r.at("/result/completion/values").toString()).isEqualTo("[\"alice\",\"albert\"]");
    }

    @Test
    void unknownMethod_isMethodNotFoundAndTheSessionGoesOn() {
        Session s = session();
        assertThat(call(s, "tools/explode", null).at("/error/code").asInt()).isEqualTo(-32601);
        assertThat(call(s, "tools/call", "{\"name\":\"add\",\"arguments\":\"x\"}").at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(call(s, "ping", null).get("result").isEmpty()).isTrue();
    }

    @Test
    void batch_isRefusedUnless2025_03_26() {
        Session s = session();
        RecordingExchange ex = new RecordingExchange();
        s.handle(server.codec().decode("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]"), ex);
        assertThat(ex.await().at("/error/code").asInt()).isEqualTo(-32600);
    }

    @Test
    void overloadedKernel_answersMinus32000WithARetryHint() {
        Kernel tiny = Kernel.create(KernelConfig.defaults().withMaxInflight(1));
        CountDownLatch release = new CountDownLatch(1);
        McpServer busy = McpServer.builder("busy", "1").kernel(tiny)
                .tool("hold", "holds", ObjectNode.class, (a, c) -> { release.await(); return "done"; }).build();
        try {
            Session s = (Session) ((SessionHost.Opened.Session) busy.sessionHost().open("t")).session();
            s.handle(busy.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"x\",\"version\":\"1\"}}}"), new RecordingExchange());
            RecordingExchange first = new RecordingExchange();
            s.handle(busy.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}}"), first);
            RecordingExchange second = new RecordingExchange();
            s.handle(busy.codec().decode("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"hold\"}}"), second);
            JsonNode refused = second.await();
            assertThat(refused.at("/error/code").asInt()).isEqualTo(-32000);
            assertThat(refused.at("/error/message").asString()).contains("overloaded", "retry");
            assertThat(refused.at("/error/data/retryAfterMs").asInt()).isEqualTo(100);
            release.countDown();
            assertThat(first.await().at("/result/content/0/text").asString()).isEqualTo("done");
        } finally {
            busy.close();
            tiny.close();
        }
    }

    @Test
    void sessions_areCappedAndEndedSessionsAreGone() {
        McpServer capped = McpServer.builder("c", "1").settings(McpSettings.defaults().withMaxSessions(2)).build();
        try {
            var a = (SessionHost.Opened.Session) capped.sessionHost().open("t");
            capped.sessionHost().open("t");
            assertThat(capped.sessionHost().open("t")).isInstanceOfSatisfying(SessionHost.Opened.Full.class, f -> assertThat(f.reason()).contains("sessions.max"));
            assertThat(a.session().id()).hasSize(22);
            assertThat(capped.sessionHost().end(a.session().id())).isTrue();
            assertThat(capped.sessionHost().find(a.session().id())).isNull();
            assertThat(capped.sessionHost().open("t")).isInstanceOf(SessionHost.Opened.Session.class);
        } finally {
            capped.close();
        }
    }

    @Test
    void idleSessions_areEvicted() throws Exception {
        McpServer s = McpServer.builder("i", "1").settings(McpSettings.defaults().withIdleTimeout(java.time.Duration.ofMillis(50))).build();
        try {
            var a = (SessionHost.Opened.Session) s.sessionHost().open("t");
            Thread.sleep(120);
            // the background sweep (every second) may get there first on a loaded machine: either way it is gone
            assertThat(s.evictIdleSessions()).isBetween(0, 1);
            assertThat(s.sessionHost().find(a.session().id())).isNull();
            assertThat(s.sessionCount()).isZero();
        } finally {
            s.close();
        }
    }

}
