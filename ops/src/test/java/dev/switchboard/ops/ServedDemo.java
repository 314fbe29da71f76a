package dev.switchboard.ops;

import dev.switchboard.examples.Examples;
import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.transport.ConnectionSettings;
import dev.switchboard.transport.HttpSettings;
import dev.switchboard.transport.StreamableHttpServer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The demo server on a real port 0 listener with the operational endpoints, and an HTTP client for both. */
final class ServedDemo implements AutoCloseable {
    final Kernel kernel;
    final Operations ops;
    final McpServer server;
    final StreamableHttpServer listener;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    ServedDemo(OpsSettings settings) throws Exception {
        this(settings, null);
    }

    ServedDemo(OpsSettings settings, OpenTelemetrySdk otel) throws Exception {
        this(settings, otel, ConnectionSettings.defaults());
    }

    ServedDemo(OpsSettings settings, OpenTelemetrySdk otel, ConnectionSettings connections) throws Exception {
        this(settings, otel, connections, KernelConfig.defaults());
    }

    ServedDemo(OpsSettings settings, OpenTelemetrySdk otel, ConnectionSettings connections, KernelConfig kernelConfig) throws Exception {
        kernel = Kernel.create(kernelConfig);
        ops = Operations.create(settings, kernel, otel);
        server = Examples.create("demo", McpServer.builder("demo", "1.0").kernel(kernel).observer(ops.observer()));
        ops.bind(server);
        listener = StreamableHttpServer.start(server, HttpSettings.defaults().withPort(0).withConnections(connections), ops.routes());
        ops.bind(listener.traffic());
    }

    String base() {
        return "http://127.0.0.1:" + listener.port();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs one JSON-RPC message to /mcp on {@code session} (null for initialize). */
    HttpResponse<String> mcp(String session, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + "/mcp"))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return send(b);
    }

    /** Opens a session; returns its id. */
    String initialize() throws IOException, InterruptedException {
        HttpResponse<String> r = mcp(null, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}");
        String id = r.headers().firstValue("mcp-session-id").orElseThrow(() -> new AssertionError("no session id: " + r.body()));
        mcp(id, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return id;
    }

    static String add(int id, int a, int b) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"add\",\"arguments\":{\"a\":" + a + ",\"b\":" + b + "}}}";
    }

    @Override
    public void close() throws Exception {
        listener.close();
        server.close();
        ops.close();
        kernel.close();
    }
}
