package dev.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.McpSettings;
import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Completion;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Lifecycle;
import dev.switchboard.mcp.protocol.LoggingLevel;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.ProgressParams;
import dev.switchboard.mcp.protocol.Prompts;
import dev.switchboard.mcp.protocol.ProtocolVersion;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.ResourceContents;
import dev.switchboard.mcp.protocol.Resources;
import dev.switchboard.mcp.protocol.Roots;
import dev.switchboard.mcp.protocol.Sampling;
import dev.switchboard.mcp.protocol.Tools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** {@link McpClient} over stdio against a real {@link McpServer} behind the real stdio transport, in the same process ({@link StdioPipes}). */
class McpClientStdioTest {
    record Add(double a, double b) {}

    private final CountDownLatch slowRelease = new CountDownLatch(1);
    private final McpServer server = McpServer.builder("test-server", "2.0")
            .settings(McpSettings.defaults().withPageSize(2))
            .instructions("be nice")
            .tool("add", "Adds a and b", Add.class, a -> String.valueOf(a.a() + a.b()))
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
            .tool("ask", "Samples", ObjectNode.class, (a, c) -> c.sample(Sampling.CreateMessageParams.of(
                    List.of(Sampling.SamplingMessage.user("hi")), 10)).model())
            .tool("confirm", "Elicits", ObjectNode.class, (a, c) -> c.elicit("Sure?",
                    JsonNodeFactory.instance.objectNode().put("type", "object")).action().wireName())
            .tool("roots", "Lists roots", ObjectNode.class, (a, c) -> c.roots().getFirst().uri())
            .resource("test://static", "static", "A static text", "text/plain", (uri, vars, c) -> "hello")
            .resourceTemplate("test://item/{id}/data", "item", "Items", "application/json",
                    (uri, vars, c) -> "{\"id\":\"" + vars.get("id") + "\"}")
            .prompt("greet", "Greets", List.of(Prompts.PromptArgument.required("name", "who")),
                    (args, c) -> "Hello " + args.get("name"))
            .completion(Completion.Reference.prompt("greet"), "name", (value, others) ->
                    List.of("alice", "albert", "bob").stream().filter(s -> s.startsWith(value)).toList())
            .build();
    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        slowRelease.countDown();
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        server.close();
    }

    private McpClient connect(McpClient.Builder builder) {
        StdioPipes pipes = new StdioPipes(server);
        closing.add(pipes);
        McpClient client = builder.stdio(pipes.clientIn, pipes.clientOut);
        closing.add(client);
        return client;
    }

    private McpClient initialized(McpClient.Builder builder) {
        McpClient client = connect(builder);
        client.initialize();
        return client;
    }

    private McpClient initialized() {
        return initialized(McpClient.builder());
    }

    private static String text(Tools.CallToolResult result) {
        return ((Content.Text) result.content().getFirst()).text();
    }

    @Test
    void initialize_latestVersion_returnsServerInfoAndCapabilities() {
        McpClient client = connect(McpClient.builder().clientInfo("tester", "1.2"));
        Lifecycle.InitializeResult result = client.initialize();
        assertThat(result.protocolVersion()).isEqualTo(ProtocolVersion.LATEST);
        assertThat(result.serverInfo().name()).isEqualTo("test-server");
        assertThat(result.instructions()).isEqualTo("be nice");
        assertThat(result.capabilities().tools()).isNotNull();
        client.ping();
    }

    @Test
    void listTools_severalPages_followsCursorsAndReturnsAll() {
        assertThat(initialized().listTools()).extracting(Tools.Tool::name)
                .containsExactly("add", "progress", "slow", "ask", "confirm", "roots");
    }

    @Test
    void callTool_mapArguments_returnsTheToolResult() {
        McpClient client = initialized();
        assertThat(text(client.callTool("add", Map.of("a", 2, "b", 3)))).isEqualTo("5.0");
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("a", 1).put("b", 1);
        assertThat(text(client.callTool("add", args))).isEqualTo("2.0");
    }

    @Test
    void callTool_withProgressListener_receivesEveryNotificationBeforeTheResult() {
        List<String> logs = new CopyOnWriteArrayList<>();
        McpClient client = initialized(McpClient.builder().onLog(m -> logs.add(m.data().asString())));
        client.setLogLevel(LoggingLevel.INFO);
        List<ProgressParams> progress = new CopyOnWriteArrayList<>();
        Tools.CallToolResult result = client.callTool("progress", Map.of(), progress::add);
        assertThat(progress).extracting(ProgressParams::message).containsExactly("half", "done");
        assertThat(progress).extracting(ProgressParams::progress).containsExactly(1.0, 2.0);
        assertThat(text(result)).isEqualTo("ok");
        await().atMost(Duration.ofSeconds(5)).until(() -> logs.contains("warning line"));
        assertThat(logs).containsExactly("warning line");
    }

    @Test
    void resources_listAndRead_returnsContents() {
        McpClient client = initialized();
        assertThat(client.listResources()).extracting(Resources.Resource::uri).containsExactly("test://static");
        assertThat(client.listResourceTemplates()).extracting(Resources.ResourceTemplate::uriTemplate)
                .containsExactly("test://item/{id}/data");
        assertThat(client.readResource("test://static").contents().getFirst())
                .isInstanceOfSatisfying(ResourceContents.Text.class, t -> assertThat(t.text()).isEqualTo("hello"));
        assertThat(client.readResource("test://item/7/data").contents().getFirst())
                .isInstanceOfSatisfying(ResourceContents.Text.class, t -> assertThat(t.text()).isEqualTo("{\"id\":\"7\"}"));
    }

    @Test
    void subscribe_resourceUpdated_reachesTheListenerWhichMayCallTheClient() {
        CompletableFuture<String> reread = new CompletableFuture<>();
        McpClient[] self = new McpClient[1];
        self[0] = initialized(McpClient.builder().onResourceUpdated(uri -> reread.complete(
                ((ResourceContents.Text) self[0].readResource(uri).contents().getFirst()).text())));
        self[0].subscribe("test://static");
        server.resourceUpdated("test://static");
        assertThat(reread).succeedsWithin(Duration.ofSeconds(5)).isEqualTo("hello");
        self[0].unsubscribe("test://static");
    }

    @Test
    void addTool_atRunTime_reachesTheListChangedListener() {
        CompletableFuture<String> changed = new CompletableFuture<>();
        McpClient client = initialized(McpClient.builder().onListChanged(changed::complete));
        server.addTool(Tools.Tool.withoutArguments("late", "added later"), (a, c) -> "late");
        assertThat(changed).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED);
        assertThat(client.listTools()).extracting(Tools.Tool::name).contains("late");
    }

    @Test
    void prompts_listAndGet_rendersTheTemplate() {
        McpClient client = initialized();
        assertThat(client.listPrompts()).extracting(Prompts.Prompt::name).containsExactly("greet");
        Prompts.GetPromptResult prompt = client.getPrompt("greet", Map.of("name", "Ann"));
        assertThat(prompt.messages().getFirst().content()).isEqualTo(Content.text("Hello Ann"));
    }

    @Test
    void complete_promptArgument_suggestsMatches() {
        Completion.CompleteResult result = initialized().complete(Completion.Reference.prompt("greet"), "name", "al");
        assertThat(result.completion().values()).containsExactly("alice", "albert");
    }

    @Test
    void serverRequests_withHandlers_areAnsweredByThem() {
        McpClient client = initialized(McpClient.builder()
                .onSampling(p -> Sampling.CreateMessageResult.text("m-1", "hey", "endTurn"))
                .onElicitation(p -> p instanceof Elicitation.Form ? Elicitation.ElicitResult.decline() : Elicitation.ElicitResult.cancel())
                .roots(() -> List.of(Roots.Root.of("file:///work", "work"))));
        assertThat(text(client.callTool("ask", Map.of()))).isEqualTo("m-1");
        assertThat(text(client.callTool("confirm", Map.of()))).isEqualTo("decline");
        assertThat(text(client.callTool("roots", Map.of()))).isEqualTo("file:///work");
    }

    @Test
    void serverRequest_withoutHandler_isAnsweredMethodNotFound() {
        McpClient client = initialized(McpClient.builder().capabilities(ClientCapabilities.none().withSampling()));
        Tools.CallToolResult result = client.callTool("ask", Map.of());
        assertThat(result.failed()).isTrue();
        assertThat(text(result)).contains("Method not found: sampling/createMessage");
    }

    @Test
    void jsonRpcError_surfacesAsMcpExceptionCarryingIt() {
        McpClient client = initialized();
        assertThatThrownBy(() -> client.callTool("nope", Map.of()))
                .isInstanceOfSatisfying(McpException.class, e -> {
                    assertThat(e.code()).isEqualTo(JsonRpc.INVALID_PARAMS);
                    assertThat(e.getMessage()).contains("nope");
                });
        assertThatThrownBy(() -> client.getPrompt("greet", null))
                .isInstanceOf(McpException.class).hasMessageContaining("Missing required argument 'name'");
        assertThatThrownBy(() -> client.readResource("test://nothing"))
                .isInstanceOfSatisfying(McpException.class, e -> assertThat(e.code()).isEqualTo(-32002));
    }

    @Test
    void request_beforeInitialize_isRefusedByTheServer() {
        McpClient client = connect(McpClient.builder());
        assertThatThrownBy(client::listTools).isInstanceOfSatisfying(McpException.class,
                e -> assertThat(e.code()).isEqualTo(JsonRpc.INVALID_REQUEST));
    }

    @Test
    void callTool_pastTheTimeout_failsAndCancelsTheRequest() {
        McpClient client = initialized(McpClient.builder().requestTimeout(Duration.ofMillis(300)));
        assertThatThrownBy(() -> client.callTool("slow", Map.of()))
                .isInstanceOfSatisfying(McpClientException.class, e -> {
                    assertThat(e.reason()).isEqualTo(McpClientException.Reason.TIMEOUT);
                    assertThat(e.getMessage()).contains("tools/call", "300 ms");
                });
        assertThat(client.inFlight()).isEmpty();
        // the server abandoned the cancelled call, so the session goes on
        assertThat(text(client.callTool("add", Map.of("a", 1, "b", 2)))).isEqualTo("3.0");
    }

    @Test
    void cancel_inFlightRequest_throwsCancellationInTheCaller() {
        McpClient client = initialized();
        CompletableFuture<Tools.CallToolResult> call = CompletableFuture.supplyAsync(() -> client.callTool("slow", Map.of()),
                r -> Thread.ofVirtual().start(r));
        await().atMost(Duration.ofSeconds(5)).until(() -> !client.inFlight().isEmpty());
        RequestId id = client.inFlight().iterator().next();
        assertThat(client.cancel(id, "changed my mind")).isTrue();
        assertThat(call).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingRootCause().isInstanceOf(CancellationException.class).withMessageContaining("changed my mind");
        assertThat(client.cancel(id, "again")).isFalse();
    }

    @Test
    void interrupt_blockedCaller_cancelsTheRequest() throws Exception {
        McpClient client = initialized();
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                client.callTool("slow", Map.of());
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> !client.inFlight().isEmpty());
        caller.interrupt();
        assertThat(thrown).succeedsWithin(Duration.ofSeconds(5)).isInstanceOf(CancellationException.class);
        assertThat(client.inFlight()).isEmpty();
    }

    @Test
    void sendRaw_badInput_returnsTheServersErrorResponse() {
        McpClient client = initialized();
        Decoded.Response garbage = client.sendRaw("{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(garbage.id()).isNull();
        assertThat(garbage.error().code()).isEqualTo(JsonRpc.PARSE_ERROR);
        Decoded.Response badParams = client.sendRaw(
                "{\"jsonrpc\":\"2.0\",\"id\":\"raw-1\",\"method\":\"tools/call\",\"params\":{\"name\":7}}".getBytes(StandardCharsets.UTF_8));
        assertThat(badParams.id()).isEqualTo(RequestId.of("raw-1"));
        assertThat(badParams.error().code()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(client.sendRaw("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever\"}".getBytes(StandardCharsets.UTF_8)))
                .isNull();
        client.ping();
    }

    @Test
    void serverExit_failsWaitingCallsWithClosed() throws Exception {
        StdioPipes pipes = new StdioPipes(server);
        McpClient client = McpClient.builder().stdio(pipes.clientIn, pipes.clientOut);
        closing.add(client);
        client.initialize();
        CompletableFuture<Tools.CallToolResult> call = CompletableFuture.supplyAsync(() -> client.callTool("slow", Map.of()),
                r -> Thread.ofVirtual().start(r));
        await().atMost(Duration.ofSeconds(5)).until(() -> !client.inFlight().isEmpty());
        pipes.close();
        assertThat(call).failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingRootCause()
                .isInstanceOfSatisfying(McpClientException.class, e -> assertThat(e.reason()).isEqualTo(McpClientException.Reason.CLOSED));
        assertThat(call.handle((r, e) -> e).join()).cause().isInstanceOfSatisfying(McpClientException.class,
                e -> assertThat(e.notSent()).as("the call was written before the server went").isFalse());
        assertThatThrownBy(client::ping).isInstanceOfSatisfying(McpClientException.class, e -> {
            assertThat(e.reason()).isEqualTo(McpClientException.Reason.CLOSED);
            assertThat(e.notSent()).as("the ping was never written").isTrue();
        });
    }

    @Test
    void initialize_serverChoosesUnknownVersion_throwsProtocolAndCloses() throws Exception {
        Pipe toServer = Pipe.open();
        Pipe toClient = Pipe.open();
        McpClient client = McpClient.stdio(Channels.newInputStream(toClient.source()),
                Channels.newOutputStream(toServer.sink()));
        closing.add(client);
        Thread.ofVirtual().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(Channels.newInputStream(toServer.source()), StandardCharsets.UTF_8));
                    var out = Channels.newOutputStream(toClient.sink())) {
                in.readLine();
                out.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"1999-01-01\",\"capabilities\":{},"
                        + "\"serverInfo\":{\"name\":\"old\",\"version\":\"0\"}}}\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                in.readLine();
            } catch (IOException e) {
                // the client closed
            }
        });
        assertThatThrownBy(client::initialize).isInstanceOfSatisfying(McpClientException.class, e -> {
            assertThat(e.reason()).isEqualTo(McpClientException.Reason.PROTOCOL);
            assertThat(e.getMessage()).contains("1999-01-01");
        });
        assertThatThrownBy(client::ping).isInstanceOf(McpClientException.class);
    }

    @Test
    void stdio_spawnedProcess_exchangesLinesAndDrainsStderr() {
        // cat echoes: our initialize comes back as a server request, we answer -32601, and that
        // answer comes back as the response to our own initialize
        List<String> stderr = new CopyOnWriteArrayList<>();
        McpClient client = McpClient.builder().stderr(stderr::add)
                .stdio(List.of("sh", "-c", "echo started >&2; exec cat"));
        closing.add(client);
        assertThatThrownBy(client::initialize).isInstanceOfSatisfying(McpException.class,
                e -> assertThat(e.error()).isEqualTo(JsonRpc.Error.methodNotFound("initialize")));
        await().atMost(Duration.ofSeconds(5)).until(() -> stderr.contains("started"));
        client.close();
        assertThatThrownBy(client::ping).isInstanceOfSatisfying(McpClientException.class,
                e -> assertThat(e.getMessage()).contains("closed"));
    }
}
