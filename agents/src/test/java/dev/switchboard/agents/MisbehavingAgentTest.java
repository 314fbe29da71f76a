package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Agents that answer oversized or garbage messages mid-session, behind a real gateway with a real client on its HTTP
 * endpoint: a hand-written stdio agent in its own process ({@link MisbehavingStdioAgent}) and a hand-written HTTP agent
 * ({@link MisbehavingHttpAgent}), each with a 64 KiB {@code maxMessageBytes}. Each bad answer must fail its call at once
 * with -32014 naming the agent and the size, be counted, and leave the member serving: the next call succeeds on the
 * same process or session.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the one test that replaces the stdio member runs last
class MisbehavingAgentTest {
    static final int LIMIT = 64 * 1024, BIG = 200 * 1024;
    static MisbehavingHttpAgent httpAgent;
    static McpServer server;
    static Gateway gateway;
    static StreamableHttpServer http;
    static McpClient client;

    @BeforeAll
    static void start() throws Exception {
        httpAgent = new MisbehavingHttpAgent();
        String java = ProcessHandle.current().info().command().orElse("java");
        Launch stdio = new Launch.Stdio(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp",
                System.getProperty("java.class.path"), MisbehavingStdioAgent.class.getName()), Map.of());
        PoolSize one = new PoolSize(1, 1, 30_000);
        AgentsSettings settings = AgentsSettings.defaults().withPool(one).withStart(15_000, 50);
        server = McpServer.builder("gateway", "1.0").build();
        gateway = Gateway.start(server, List.of(
                new AgentSpec("pipe", stdio, one, Affinity.NONE, false, 10_000, 0, LIMIT),
                new AgentSpec("web", new Launch.Http(httpAgent.endpoint(), Map.of()), one, Affinity.NONE, false, 10_000, 0, LIMIT)), settings);
        http = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0));
        assertThat(gateway.awaitStarted(Duration.ofSeconds(30))).as("started: %s", gateway.status()).isTrue();
        client = McpClient.builder().requestTimeout(Duration.ofSeconds(20)).http(URI.create("http://127.0.0.1:" + http.port() + "/mcp"));
        client.initialize();
    }

    @AfterAll
    static void stop() {
        if (client != null) client.close();
        if (http != null) http.close();
        if (gateway != null) gateway.close();
        if (httpAgent != null) httpAgent.close();
    }

    @Test
    void callTool_stdioAnswerOverLimit_refusedWithItsSizeNotRetriedAndTheProcessServesOn() {
        AgentPool pool = gateway.pool("pipe");
        long pid = pool.snapshot().getFirst().client.process().orElseThrow().pid();
        long before = pool.counters.oversized.get(), restarts = pool.counters.restarts.get();
        refused("pipe_big", Map.of("size", BIG)).hasMessageContaining("agent 'pipe'").hasMessageContaining("maxMessageBytes " + LIMIT)
                .hasMessageMatching("(?s).*a message of \\d{6} bytes answering request .*");
        assertThat(pool.counters.oversized.get()).isEqualTo(before + 1);
        assertThat(pool.counters.failovers.get()).as("readOnlyHint, yet not retried").isZero();
        assertThat(echo("pipe_echo")).isEqualTo("echo");
        assertThat(pool.snapshot()).singleElement().satisfies(m -> assertThat(m.client.process().orElseThrow().pid()).isEqualTo(pid));
        assertThat(pool.counters.restarts.get()).isEqualTo(restarts);
    }

    @Test
    void callTool_stdioGarbageLinesBeforeTheAnswer_skippedCountedAndTheCallSucceeds() {
        AgentPool pool = gateway.pool("pipe");
        long before = pool.counters.unreadable.get();
        assertThat(echo("pipe_noisy")).isEqualTo("after the noise");
        assertThat(pool.counters.unreadable.get()).isEqualTo(before + 2);
        assertThat(echo("pipe_echo")).isEqualTo("echo");
    }

    @Test
    void callTool_agentSendsARequestOverTheLimit_itIsAnsweredWithAnErrorNotLeftWaiting() {
        AgentPool pool = gateway.pool("pipe");
        long before = pool.counters.oversized.get();
        assertThat(echo("pipe_askbig", Map.of("size", BIG))).startsWith("asked, got: -32600 refused by the client: the server sent a message of ")
                .contains("(its request 'ask-1'), over the limit of " + LIMIT);
        assertThat(pool.counters.oversized.get()).isEqualTo(before + 1);
    }

    @Test
    void callTool_stdioResponseWithoutResultOrError_failsAtOnceNamingTheAgent() {
        long start = System.nanoTime();
        refused("pipe_malformed", Map.of()).hasMessageContaining("agent 'pipe'").hasMessageContaining("malformed response");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the 10 s timeout").isLessThan(Duration.ofSeconds(5));
        assertThat(echo("pipe_echo")).isEqualTo("echo");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void callTool_stdioLineThatNeverEnds_failsAndTheMemberIsReplaced() {
        AgentPool pool = gateway.pool("pipe");
        long restarts = pool.counters.restarts.get();
        refused("pipe_endless", Map.of("size", 5 * LIMIT)).hasMessageContaining("agent 'pipe'")
                .hasMessageContaining("more than " + 4L * LIMIT + " bytes without ending it");
        // the stream is given up: found dead by the next call or ping, and replaced
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(echo("pipe_echo")).isEqualTo("echo"));
        assertThat(pool.counters.restarts.get()).isGreaterThan(restarts);
    }

    @Test
    void callTool_httpAnswerOverLimitByContentLength_refusedUnreadAndTheSessionServesOn() {
        AgentPool pool = gateway.pool("web");
        long before = pool.counters.oversized.get(), restarts = pool.counters.restarts.get();
        refused("web_big", Map.of("size", BIG)).hasMessageContaining("agent 'web'").hasMessageContaining("(Content-Length), over the limit of " + LIMIT);
        assertThat(pool.counters.oversized.get()).isEqualTo(before + 1);
        assertThat(echo("web_echo")).isEqualTo("echo");
        assertThat(pool.counters.restarts.get()).isEqualTo(restarts);
    }

    @Test
    void callTool_httpChunkedAnswerOverLimit_cutOffAtTheLimit() {
        refused("web_bigchunked", Map.of("size", BIG)).hasMessageContaining("agent 'web'").hasMessageContaining("more than " + LIMIT + " bytes");
        assertThat(echo("web_echo")).isEqualTo("echo");
    }

    @Test
    void callTool_httpEventOverLimit_refusedAndTheStreamClosed() {
        refused("web_bigsse", Map.of("size", BIG)).hasMessageContaining("agent 'web'").hasMessageContaining("an event of more than " + LIMIT + " bytes");
        assertThat(echo("web_echo")).isEqualTo("echo");
    }

    @Test
    void callTool_httpHtmlAnswer_refusedNamingTheContentType() {
        AgentPool pool = gateway.pool("web");
        long before = pool.counters.unreadable.get();
        refused("web_html", Map.of()).hasMessageContaining("agent 'web'").hasMessageContaining("Content-Type text/html")
                .hasMessageContaining("502 Bad Gateway");
        assertThat(pool.counters.unreadable.get()).isEqualTo(before + 1);
        assertThat(echo("web_echo")).isEqualTo("echo");
    }

    @Test
    void callTool_httpJsonContentTypeButNotJson_failsAtOnceWithAnExcerpt() {
        long start = System.nanoTime();
        refused("web_notjson", Map.of()).hasMessageContaining("agent 'web'").hasMessageContaining("not its JSON-RPC response")
                .hasMessageContaining("Internal error, sorry");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the 10 s timeout").isLessThan(Duration.ofSeconds(5));
        assertThat(echo("web_echo")).isEqualTo("echo");
    }

    @Test
    void callTool_httpAnswerLabelledTextPlain_stillTakenWhenItIsTheResponse() {
        assertThat(echo("web_plain")).isEqualTo("sloppy but JSON-RPC");
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(String tool, Map<String, ?> arguments) {
        return assertThatThrownBy(() -> client.callTool(tool, arguments)).isInstanceOf(McpException.class)
                .satisfies(e -> assertThat(((McpException) e).error().code()).isEqualTo(AgentErrors.ANSWER_REFUSED));
    }

    private static String echo(String tool) {
        return echo(tool, Map.of());
    }

    private static String echo(String tool, Map<String, ?> arguments) {
        Tools.CallToolResult result = client.callTool(tool, arguments);
        assertThat(result.isError()).as("%s", result).isNotEqualTo(Boolean.TRUE);
        return ((Content.Text) result.content().getFirst()).text();
    }
}
