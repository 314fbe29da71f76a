package dev.switchboard.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server that, like the Java SDK's servlet transport, sends no headers on the GET stream until
 * its first event: idle-sessions must count those streams as held, apart, rather than hang.
 */
class WithheldHeadersTest {
    @Test
    void idleSessions_streamsWithoutHeaders_countAsHeldApart() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket s = server.accept();
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                        Thread.ofVirtual().start(() -> serve(s));
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            URI url = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/mcp");
            LoadSpec d = LoadSpec.of(Scenario.IDLE_SESSIONS, url);
            LoadSpec spec = new LoadSpec(Scenario.IDLE_SESSIONS, url, null, null, null, "add", "{}", 1, 1, 1, 0.98, 1, Duration.ofSeconds(1),
                    5, 2, Duration.ofMillis(100), 1, 1, d.resource(), d.triggerTool(), 0, Duration.ofSeconds(5), 0, 1);
            LoadResult r = LoadGenerator.run(spec, Progress.NONE);
            assertThat(r.errors()).isEmpty();
            assertThat(r.extra()).containsEntry("sessionsHeld", 5L).containsEntry("streamsHeldBeforeTheirHeaders", 5L);
            assertThat(r.latency().p50()).isGreaterThanOrEqualTo(IdleSessions.STREAM_GRACE.toMillis() * 0.9);
        } finally {
            synchronized (accepted) {
                for (Socket s : accepted) s.close();
            }
        }
    }

    /** Answers initialize with a session, notifications with 202, DELETE with 200; a GET gets nothing at all. */
    private static void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) return;
                int length = 0;
                for (String line : head.split("\r\n"))
                    if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                if (head.startsWith("GET")) {
                    in.read(); // holds the stream: blocks until the client closes
                    return;
                }
                String reply;
                if (body.contains("\"initialize\"")) {
                    String json = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"serverInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";
                    reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nMcp-Session-Id: s" + System.nanoTime() + "\r\nContent-Length: " + json.length() + "\r\n\r\n" + json;
                } else if (head.startsWith("POST")) {
                    reply = "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n";
                } else {
                    reply = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
                }
                out.write(reply.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) return head.toString();
        }
        return null;
    }
}
