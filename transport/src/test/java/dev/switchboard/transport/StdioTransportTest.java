package dev.switchboard.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mcp.McpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class StdioTransportTest {
    static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    @Test
    void run_manyConcurrentWriters_eachLineIsOneWholeMessage_andEofEnds() throws Exception {
        McpServer server = McpServer.builder("stdio", "1")
                .tool("chatty", "logs a lot", ObjectNode.class, (a, c) -> {
                    for (int i = 0; i < 20; i++) c.info("line " + i + " " + "x".repeat(200));
                    return "ok";
                }).build();
        StringBuilder input = new StringBuilder(INIT).append('\n');
        input.append("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
        input.append("this is not json\n");
        input.append(new String(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, StandardCharsets.ISO_8859_1)).append('\n');
        for (int i = 0; i < 50; i++)
            input.append("{\"jsonrpc\":\"2.0\",\"id\":").append(100 + i).append(",\"method\":\"tools/call\",\"params\":{\"name\":\"chatty\"}}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] in = input.toString().getBytes(StandardCharsets.ISO_8859_1);
        // keep stdin open until all 50 answers are out, as a real client would
        java.io.PipedOutputStream feed = new java.io.PipedOutputStream();
        java.io.PipedInputStream pipe = new java.io.PipedInputStream(feed, 1 << 20);
        feed.write(in);
        feed.flush();
        Thread serving = Thread.ofPlatform().start(() -> {
            try {
                new StdioTransport(server.sessionHost(), server.codec(), pipe, out).run();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        org.awaitility.Awaitility.await().until(() -> { synchronized (out) { return out.toString(StandardCharsets.UTF_8).split("\n").length >= 3 + 50 * 21; } });
        feed.close();
        serving.join(5_000);
        assertThat(serving.isAlive()).isFalse();
        JsonMapper mapper = JsonMapper.builder().build();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        List<JsonNode> parsed = lines.stream().map(mapper::readTree).toList(); // every line parses alone
        assertThat(parsed.stream().filter(n -> n.has("result") && n.at("/result/content/0/text").asString("").equals("ok"))).hasSize(50);
        assertThat(parsed.stream().filter(n -> n.at("/error/code").asInt(0) == -32700)).hasSize(2);
        assertThat(server.sessionCount()).isZero();
        server.close();
        assertThat(new ByteArrayInputStream(in).available()).isPositive();
    }

    @Test
    void run_badLinesGetErrors_andTheNextLineWorks_andEofReturns() throws Exception {
        EchoHost host = new EchoHost(1);
        String input = "not json\n" + "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\r\n" + "   \n"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"" + "x".repeat(3_000) + "\"}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StdioTransport(host, host.codec, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, 2_048).run();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("-32700");
        assertThat(lines.get(1)).contains("\"id\":1", "result");
        assertThat(lines.get(2)).contains("-32600", "2048 bytes", "\"id\":null");
        assertThat(lines.get(3)).contains("\"id\":3", "result"); // the last line needs no newline
        assertThat(host.sessions).isEmpty(); // end of input ended the session
    }

    @Test
    void sessionChannel_manyThreadsAtOnce_eachLineIsOneWholeMessage() throws Exception {
        EchoHost host = new EchoHost(1);
        java.io.PipedOutputStream feed = new java.io.PipedOutputStream();
        java.io.PipedInputStream pipe = new java.io.PipedInputStream(feed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread serving = Thread.ofPlatform().start(() -> {
            try {
                new StdioTransport(host, host.codec, pipe, out).run();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        org.awaitility.Awaitility.await().until(() -> host.sessions.values().stream().anyMatch(s -> s.channel != null));
        dev.switchboard.mcp.spi.SessionChannel channel = host.sessions.values().iterator().next().channel;
        List<Thread> writers = new java.util.ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int writer = t;
            writers.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 100; i++) channel.send(EchoHost.notification(writer + "-" + i + "-" + "y".repeat(5_000)));
            }));
        }
        for (Thread w : writers) w.join();
        feed.close();
        serving.join(5_000);
        assertThat(serving.isAlive()).isFalse();
        JsonMapper mapper = JsonMapper.builder().build();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1_600);
        assertThat(lines.stream().map(mapper::readTree).map(n -> n.at("/params/data").asString()).distinct()).hasSize(1_600);
    }

    @Test
    void run_statelessRequests_needNoInitialize_andRoundTripTheirInput() throws Exception {
        ObjectNode schema = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("type", "object");
        McpServer server = McpServer.builder("stdio", "1")
                .tool(dev.switchboard.mcp.protocol.Tools.Tool.of("who", "asks a name", schema), (a, c) -> "Hi " + c.elicit("Name?", schema).content().path("n").asString())
                .build();
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}}";
        java.io.PipedOutputStream feed = new java.io.PipedOutputStream();
        java.io.PipedInputStream pipe = new java.io.PipedInputStream(feed);
        java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
        java.io.OutputStream replies = new java.io.OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b != '\n') line.write(b);
                else {
                    lines.add(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
            }
        };
        Thread serving = Thread.ofPlatform().start(() -> {
            try {
                new StdioTransport(server.sessionHost(), server.codec(), pipe, replies).run();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        feed.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"who\"," + meta + "}}\n").getBytes(StandardCharsets.UTF_8));
        feed.flush();
        String round1 = lines.poll(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(round1).contains("\"resultType\":\"input_required\"", "elicitation/create");
        String state = round1.replaceAll(".*\"requestState\":\"([^\"]+)\".*", "$1");
        feed.write(("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"who\",\"requestState\":\"" + state
                + "\",\"inputResponses\":{\"elicitation-1\":{\"action\":\"accept\",\"content\":{\"n\":\"Ada\"}}}," + meta + "}}\n").getBytes(StandardCharsets.UTF_8));
        feed.flush();
        assertThat(lines.poll(10, java.util.concurrent.TimeUnit.SECONDS)).contains("\"id\":2", "Hi Ada", "\"resultType\":\"complete\"");
        feed.close();
        serving.join(5_000);
        assertThat(server.sessionCount()).isZero();
        server.close();
    }

    @Test
    void run_endOfInputRightAfterTheRequests_stillAnswersEveryOne() throws Exception {
        McpServer server = McpServer.builder("stdio", "1")
                .tool("slow", "answers after a moment", ObjectNode.class, (a, c) -> {
                    Thread.sleep(200);
                    return "done";
                }).build();
        StringBuilder input = new StringBuilder(INIT).append('\n').append("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n");
        for (int i = 0; i < 5; i++)
            input.append("{\"jsonrpc\":\"2.0\",\"id\":").append(10 + i).append(",\"method\":\"tools/call\",\"params\":{\"name\":\"slow\"}}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StdioTransport(server.sessionHost(), server.codec(), new ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)), out).run();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < 5; i++) {
            String id = "\"id\":" + (10 + i) + ",";
            assertThat(lines).anySatisfy(l -> assertThat(l).contains(id, "done"));
        }
        server.close();
    }
}
