package dev.switchboard.examples;

import dev.switchboard.mcp.Arg;
import dev.switchboard.mcp.Context;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.Tool;
import dev.switchboard.mcp.protocol.Prompts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What {@code ./sb serve} runs: a few useful tools ({@code add}, {@code echo}, {@code now},
 * {@code uuid}, {@code sha256}), a resource describing the server, a resource that changes on
 * demand ({@link Ticker}, for the fanout load scenario), and a prompt. It shows both ways
 * to write tools: the builder with a record for the arguments, and {@link Tool @Tool} methods.
 */
public final class DemoServer {
    record EchoArgs(@Arg(description = "The text to send back") String text) {}

    private DemoServer() {}

    /** Tools written as annotated methods. */
    public static final class Utilities {
        @Tool(description = "The current date and time in a time zone", readOnly = true)
        public String now(@Arg(description = "IANA zone such as Europe/Paris; UTC when absent", required = false) String zone) {
            ZoneId id = zone == null || zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone);
            return ZonedDateTime.now(id).toString();
        }

        @Tool(description = "A random UUID", readOnly = true)
        public String uuid() {
            return UUID.randomUUID().toString();
        }

        @Tool(name = "sha256", description = "The SHA-256 of a text, in hex", readOnly = true)
        public String sha256(@Arg(description = "The text to hash") String text) throws NoSuchAlgorithmException {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The demo with its own kernel and default settings, named as {@code ./sb serve} names it. */
    public static McpServer create() {
        return create(McpServer.builder("switchboard-demo", "0.1.0"));
    }

    /** The demo on {@code builder}, which carries the name, kernel and settings. */
    public static McpServer create(McpServer.Builder builder) {
        Instant started = Instant.now();
        AtomicReference<McpServer> self = new AtomicReference<>();
        Ticker ticker = new Ticker(self);
        McpServer server = builder
                .instructions("Switchboard demo server: arithmetic, echo, time, ids and hashes.")
                .tool("add", "Adds two numbers a and b and answers their sum as text", Arithmetic.Add.class, Arithmetic::sum)
                .tool("echo", "Answers the text it is given", EchoArgs.class, EchoArgs::text)
                // pure computation in microseconds: served on the transport's thread, without the virtual-thread hop
                .nonBlocking("add")
                .nonBlocking("echo")
                .tools(new Utilities())
                .tools(ticker)
                .resource("switchboard://server/info", "server-info", "This server: name, version, uptime and open sessions", "application/json",
                        (uri, vars, c) -> info(self.get(), started, c))
                .resource(Ticker.URI, "ticker", "A counter that changes when ticker_touch is called; subscribe to hear it", "text/plain",
                        (uri, vars, c) -> ticker.read())
                .prompt("summarize", "Asks the model to summarize a text", List.of(Prompts.PromptArgument.required("text", "The text to summarize")),
                        (args, c) -> "Summarize the following text in three sentences:\n\n" + args.get("text"))
                .build();
        self.set(server);
        return server;
    }

    private static String info(McpServer server, Instant started, Context context) {
        return JsonNodeFactory.instance.objectNode()
                .put("name", server.info().name())
                .put("version", server.info().version())
                .put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds())
                .put("sessions", server.sessionCount())
                .put("protocolVersion", context.session().protocolVersion())
                .toString();
    }
}
