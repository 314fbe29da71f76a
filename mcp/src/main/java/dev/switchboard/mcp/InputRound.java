package dev.switchboard.mcp;

import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.Roots;
import dev.switchboard.mcp.protocol.Sampling;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One round of a stateless request that may need client input (SEP-2322).
 *
 * <p>The handler runs from the start on every round. Each {@link Context#ask} is answered from what
 * the client has given so far (earlier rounds' answers, carried in the sealed {@code requestState},
 * plus this round's {@code inputResponses}); the first ask with an unanswered key unwinds the
 * handler with {@link InputRequired}, and the round ends as {@code input_required} listing the
 * unanswered requests and a new state holding every answer used so far. Answers nobody asked for
 * are ignored and not carried on. This replay model needs handlers to ask the same things in the
 * same order for the same arguments, which plain code does.
 */
final class InputRound {
    private final String method;
    private final String name;
    private final Map<String, JsonNode> given;
    private final Map<String, JsonNode> used = new LinkedHashMap<>();
    private final RequestStates states;
    private final JsonRpcCodec codec;

    private InputRound(String method, String name, Map<String, JsonNode> given, RequestStates states, JsonRpcCodec codec) {
        this.method = method;
        this.name = name;
        this.given = given;
        this.states = states;
        this.codec = codec;
    }

    /**
     * The round for a request naming {@code name}, from its {@code requestState} and
     * {@code inputResponses} (either may be absent).
     *
     * @throws McpException -32602 when the state fails its integrity check or belongs elsewhere
     */
    static InputRound open(RequestStates states, JsonRpcCodec codec, String method, String name, ObjectNode inputResponses, String requestState) {
        Map<String, JsonNode> given = requestState == null ? new LinkedHashMap<>() : states.open(requestState, method, name);
        if (inputResponses != null) inputResponses.properties().forEach(e -> given.put(e.getKey(), e.getValue()));
        return new InputRound(method, name, given, states, codec);
    }

    /** Answers {@code requests} from what the client gave, or unwinds the handler with what is missing. */
    InputResponses answer(Map<String, InputRequest> requests) {
        Map<String, InputRequest> missing = new LinkedHashMap<>();
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Map.Entry<String, InputRequest> e : requests.entrySet()) {
            JsonNode answer = given.get(e.getKey());
            if (answer == null || answer.isNull()) {
                missing.put(e.getKey(), e.getValue());
            } else {
                answers.put(e.getKey(), convert(codec, e.getKey(), e.getValue(), answer));
                used.put(e.getKey(), answer);
            }
        }
        if (!missing.isEmpty()) throw new InputRequired(missing);
        return new InputResponses(answers);
    }

    /** A round that ended for want of input: the {@code input_required} result to send. */
    record Pending(ObjectNode result) {}

    /** The {@code input_required} result that ends this round. */
    Pending result(InputRequired required) {
        ObjectNode result = codec.mapper().createObjectNode();
        result.put("resultType", "input_required");
        ObjectNode requests = result.putObject("inputRequests");
        required.missing.forEach((key, request) -> {
            ObjectNode r = requests.putObject(key);
            r.put("method", request.method());
            r.set("params", codec.mapper().valueToTree(request.params()));
        });
        result.put("requestState", states.seal(method, name, used));
        return new Pending(result);
    }

    /** Reads {@code answer} as the result type {@code request} calls for. */
    static Object convert(JsonRpcCodec codec, String key, InputRequest request, JsonNode answer) {
        Class<?> type = switch (request) {
            case InputRequest.Elicit e -> Elicitation.ElicitResult.class;
            case InputRequest.Sample s -> Sampling.CreateMessageResult.class;
            case InputRequest.ListRoots r -> Roots.ListRootsResult.class;
        };
        try {
            return codec.convert(answer, type);
        } catch (McpException e) {
            throw new InputRejected(JsonRpc.Error.invalidParams("Invalid params: inputResponses['" + key + "'] does not answer "
                    + request.method() + ": " + e.getMessage()));
        }
    }
}
