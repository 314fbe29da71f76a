package dev.switchboard.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.client.McpClient;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Content;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.Roots;
import dev.switchboard.mcp.protocol.Sampling;
import dev.switchboard.mcp.protocol.Tools;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The stateless era's promise: two Switchboard processes configured with the same
 * {@code mcp.requestStateKey}, behind a round-robin balancer that sends each request to the next
 * instance, serve one 2026-07-28 client with no errors, including input_required rounds started on
 * one instance and finished on the other.
 */
class StatelessAcrossInstancesTest {
    private static final String KEY = "shared-request-state-key-for-both-instances";
    private static final Pattern LISTENING = Pattern.compile("server on (http://\\S+)");
    private static final List<Process> instances = new ArrayList<>();
    private static final List<URI> backends = new ArrayList<>();
    private static final AtomicIntegerArray hits = new AtomicIntegerArray(2);
    private static HttpServer balancer;

    @BeforeAll
    static void start() throws Exception {
        for (int i = 0; i < 2; i++) {
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.switchboard.cli.Sb", "serve",
                    "--example", "everything", "--port", "0", "--set", "mcp.requestStateKey=" + KEY,
                    // each instance its own task store: two processes never share one
                    "--set", "tasks.dir=" + Files.createTempDirectory("sb-instance-tasks")).redirectErrorStream(true).start();
            instances.add(p);
            backends.add(URI.create(awaitUrl(p)));
        }
        balancer = roundRobin(backends);
    }

    @AfterAll
    static void stop() throws Exception {
        if (balancer != null) balancer.stop(0);
        for (Process p : instances) {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String awaitUrl(Process p) throws Exception {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) url.complete(m.group(1));
                }
                url.completeExceptionally(new AssertionError("the instance exited without serving"));
            } catch (Exception e) {
                url.completeExceptionally(e);
            }
        });
        return url.get(60, TimeUnit.SECONDS);
    }

    /** A load balancer in miniature: each POST goes to the next backend in turn, whatever it carries. */
    private static HttpServer roundRobin(List<URI> targets) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        AtomicInteger next = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mcp", exchange -> {
            int i = Math.floorMod(next.getAndIncrement(), targets.size());
            hits.incrementAndGet(i);
            HttpRequest.Builder forward = HttpRequest.newBuilder(targets.get(i))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            for (String h : List.of("Content-Type", "Accept", "MCP-Protocol-Version", "Mcp-Method", "Mcp-Name"))
                if (exchange.getRequestHeaders().getFirst(h) != null) forward.header(h, exchange.getRequestHeaders().getFirst(h));
            try {
                HttpResponse<byte[]> r = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                r.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
                exchange.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
                exchange.getResponseBody().write(r.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return server;
    }

    private static McpClient modernClient(URI endpoint) {
        return McpClient.builder().protocolVersion("2026-07-28").clientInfo("alternating", "1.0")
                .capabilities(ClientCapabilities.none().withSampling().withElicitation().withRoots(false))
                .onElicitation(p -> {
                    ObjectNodeBuilder answer = new ObjectNodeBuilder();
                    if (p.message().contains("color")) answer.put("color", "teal");
                    else answer.put("name", "Alice");
                    return Elicitation.ElicitResult.accept(answer.node);
                })
                .onSampling(p -> Sampling.CreateMessageResult.text("test-model", "Paris", "endTurn"))
                .roots(() -> List.of(new Roots.Root("file:///test/root", "Test Root", null)))
                .http(endpoint);
    }

    private static final class ObjectNodeBuilder {
        final tools.jackson.databind.node.ObjectNode node = JsonNodeFactory.instance.objectNode();

        void put(String k, String v) {
            node.put(k, v);
        }
    }

    private static String text(Tools.CallToolResult r) {
        assertThat(r.isError()).as("tool error: %s", r).isNotEqualTo(Boolean.TRUE);
        return ((Content.Text) r.content().getFirst()).text();
    }

    @Test
    void aModernClient_alternatingBetweenTwoInstancesRequestByRequest_getsEveryAnswer() {
        URI endpoint = URI.create("http://127.0.0.1:" + balancer.getAddress().getPort() + "/mcp");
        try (McpClient client = modernClient(endpoint)) {
            assertThat(client.initialize().protocolVersion()).isEqualTo("2026-07-28");
            for (int i = 0; i < 10; i++) {
                assertThat(text(client.callTool("add", Map.of("a", i, "b", 1)))).isEqualTo(String.valueOf(i + 1));
                assertThat(client.listTools()).extracting(Tools.Tool::name).contains("test_input_required_result_multi_round");
                // three rounds: step1 on one instance, step2 on the other, the answer on the first again
                assertThat(text(client.callTool("test_input_required_result_multi_round", Map.of()))).isEqualTo("Alice's favorite color is teal");
                assertThat(text(client.callTool("test_input_required_result_multiple_inputs", Map.of()))).isEqualTo("Alice / Paris / 1 root(s)");
                assertThat(client.getPrompt("test_input_required_result_prompt", Map.of()).messages()).isNotEmpty();
            }
        }
        assertThat(hits.get(0)).isGreaterThan(20);
        assertThat(Math.abs(hits.get(0) - hits.get(1))).isLessThanOrEqualTo(1);
    }
}
