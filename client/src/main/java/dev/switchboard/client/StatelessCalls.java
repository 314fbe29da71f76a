package dev.switchboard.client;

import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.ClientCapabilities;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.Implementation;
import dev.switchboard.mcp.protocol.Lifecycle;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.ProgressParams;
import dev.switchboard.mcp.protocol.Roots;
import dev.switchboard.mcp.protocol.Sampling;
import dev.switchboard.mcp.protocol.ServerCapabilities;
import dev.switchboard.mcp.protocol.StatelessEra;
import dev.switchboard.mcp.protocol.TaskMessages;
import java.net.URI;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The client side of the stateless era (2026-07-28): every request is self-contained, carrying the
 * protocol version, client info and capabilities in {@code _meta} (over HTTP, a POST with the
 * routing headers {@code Mcp-Method} and {@code Mcp-Name}); there is no session to open or close.
 *
 * <p>An {@code input_required} result is answered here, with the same handlers that answer a
 * session-era server's requests (sampling, elicitation, roots), and the request is sent again
 * with the answers and the server's {@code requestState}, until it completes. Callers of
 * {@link McpClient} see only the final result. Any server instance may answer any round.
 */
final class StatelessCalls {
    /** A server that keeps asking past this many rounds is looping. */
    private static final int MAX_ROUNDS = 16;

    /** Sends one request and returns its result, or throws its error as {@link McpException}. */
    @FunctionalInterface
    interface Sender {
        JsonNode send(String method, String name, ObjectNode params, Consumer<ProgressParams> onProgress);
    }

    private final Sender sender;
    private final McpClient.Builder options;
    private final ClientCapabilities capabilities;
    private final JsonRpcCodec codec;

    private StatelessCalls(Sender sender, McpClient.Builder options, JsonRpcCodec codec) {
        this.sender = sender;
        this.options = options;
        this.capabilities = options.capabilities();
        this.codec = codec;
    }

    /** Over HTTP: one POST per request ({@link StatelessHttp}). */
    static StatelessCalls http(URI endpoint, McpClient.Builder options, JsonRpcCodec codec) {
        return new StatelessCalls(new StatelessHttp(endpoint, options, codec), options, codec);
    }

    /** Over a channel shared by every request (stdio): {@code session} matches answers to requests. */
    static StatelessCalls over(ClientSession session, McpClient.Builder options, JsonRpcCodec codec) {
        return new StatelessCalls((method, name, params, onProgress) -> session.request(method, new Params.Raw(params), JsonNode.class, onProgress),
                options, codec);
    }

    /** {@code server/discover}, read as the session era's initialize result so callers need not care. */
    Lifecycle.InitializeResult discover() {
        JsonNode r = call(StatelessEra.DISCOVER, Params.Empty.INSTANCE, null, false);
        JsonNode info = r.path("_meta").path(StatelessEra.META_SERVER_INFO);
        return new Lifecycle.InitializeResult(StatelessEra.VERSION, codec.convert(r.path("capabilities"), ServerCapabilities.class),
                info.isObject() ? codec.convert(info, Implementation.class) : null, r.path("instructions").asString(null), null);
    }

    <R> R request(String method, Params params, Class<R> type, Consumer<ProgressParams> onProgress) {
        return codec.convert(call(method, params, onProgress, false), type);
    }

    /**
     * A request declaring the tasks extension in its {@code _meta} client capabilities, so a
     * {@code tools/call} may be answered with a task and the {@code tasks/*} methods are allowed.
     * Only these requests declare it: a plain call must never come back as a task.
     */
    JsonNode withTasks(String method, Params params) {
        return call(method, params, null, true);
    }

    private JsonNode call(String method, Params params, Consumer<ProgressParams> onProgress, boolean tasks) {
        ObjectNode p = params == null ? codec.mapper().createObjectNode() : codec.mapper().valueToTree(params);
        ObjectNode meta = p.get("_meta") instanceof ObjectNode m ? m : p.putObject("_meta");
        meta.put(StatelessEra.META_VERSION, StatelessEra.VERSION);
        meta.set(StatelessEra.META_CLIENT_INFO, codec.mapper().valueToTree(options.clientInfo));
        ObjectNode declared = codec.mapper().valueToTree(capabilities);
        if (tasks) (declared.get("extensions") instanceof ObjectNode e ? e : declared.putObject("extensions")).putObject(TaskMessages.EXTENSION);
        meta.set(StatelessEra.META_CAPABILITIES, declared);
        String name = switch (method) {
            case McpMethods.TOOLS_CALL, McpMethods.PROMPTS_GET -> p.path("name").asString(null);
            case McpMethods.RESOURCES_READ -> p.path("uri").asString(null);
            case TaskMessages.GET, TaskMessages.UPDATE, TaskMessages.CANCEL -> p.path("taskId").asString(null);
            default -> null;
        };
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            JsonNode result = sender.send(method, name, p, onProgress);
            if (!"input_required".equals(result.path("resultType").asString(null))) return result;
            p.set("inputResponses", answer(result.path("inputRequests")));
            if (result.path("requestState").isString()) p.put("requestState", result.path("requestState").asString());
            else p.remove("requestState");
        }
        throw new McpClientException(McpClientException.Reason.PROTOCOL, method + " still asked for input after " + MAX_ROUNDS + " rounds");
    }

    /** Answers each input request with this client's handlers, by key. */
    ObjectNode answer(JsonNode requests) {
        ObjectNode answers = codec.mapper().createObjectNode();
        for (Map.Entry<String, JsonNode> e : requests.properties()) {
            String method = e.getValue().path("method").asString("");
            JsonNode params = e.getValue().path("params");
            Object answer;
            try {
                answer = switch (method) {
                    case McpMethods.ELICITATION_CREATE -> handler(options.elicitation, method).handle(codec.convert(params, Elicitation.ElicitParams.class));
                    case McpMethods.SAMPLING_CREATE_MESSAGE -> handler(options.sampling, method).handle(codec.convert(params, Sampling.CreateMessageParams.class));
                    case McpMethods.ROOTS_LIST -> new Roots.ListRootsResult(handler(options.roots, method).get(), null);
                    default -> throw new McpClientException(McpClientException.Reason.PROTOCOL, "the server asked for input by an unknown method '" + method + "'");
                };
            } catch (McpClientException | McpException ex) {
                throw ex;
            } catch (Exception ex) {
                throw new McpClientException(McpClientException.Reason.PROTOCOL, "answering " + method + " (key '" + e.getKey() + "') failed: " + ex, ex);
            }
            answers.set(e.getKey(), codec.mapper().valueToTree(answer));
        }
        return answers;
    }

    private static <H> H handler(H handler, String method) {
        if (handler == null) throw new McpClientException(McpClientException.Reason.PROTOCOL, "the server asked for " + method + " but this client has no handler for it");
        return handler;
    }
}
