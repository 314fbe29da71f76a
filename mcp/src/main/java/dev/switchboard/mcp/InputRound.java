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
 * the client has given so far: earlier rounds' answers, carried signed in the {@code requestState},
 * and this round's {@code inputResponses}. The first ask with an unanswered key unwinds the handler
 * with {@link InputRequired}, and the round ends as {@code input_required} listing the unanswered
 * requests and a new state holding every answer used so far and the keys just asked for. This
 * replay model needs handlers to ask the same things in the same order for the same arguments,
 * which plain code does.
 *
 * <p>Unsigned answers ({@code inputResponses}) answer only the round the client was last asked:
 * with a state, only the keys that state asked for (others are ignored, as SEP-2322 wants unknown
 * input ignored); without one, only the handler's first ask that the state does not answer. An
 * answer that would replace a signed one is refused before the handler runs, and one that answers
 * a later ask (skipping the round, and the state, that should carry the earlier answers) is
 * refused when the handler reaches it; both are -32602.
 */
final class InputRound {
    private final String method;
    private final String name;
    private final Map<String, JsonNode> signed;
    private final Map<String, JsonNode> fresh;
    private final Map<String, JsonNode> used = new LinkedHashMap<>();
    /** Whether the handler has reached the ask that this round's unsigned answers belong to. */
    private boolean freshAskReached;
    private final RequestStates states;
    private final JsonRpcCodec codec;

    private InputRound(String method, String name, Map<String, JsonNode> signed, Map<String, JsonNode> fresh, RequestStates states,
                       JsonRpcCodec codec) {
        this.method = method;
        this.name = name;
        this.signed = signed;
        this.fresh = fresh;
        this.states = states;
        this.codec = codec;
    }

    /**
     * The round for a request naming {@code name}, from its {@code requestState} and
     * {@code inputResponses} (either may be absent).
     *
     * @throws McpException -32602 when the state fails its integrity check or belongs elsewhere, or
     *                      when an answer would replace one the state carries
     */
    static InputRound open(RequestStates states, JsonRpcCodec codec, String method, String name, ObjectNode inputResponses, String requestState) {
        RequestStates.Opened opened = requestState == null ? null : states.open(requestState, method, name);
        Map<String, JsonNode> signed = opened == null ? Map.of() : opened.answers();
        Map<String, JsonNode> fresh = new LinkedHashMap<>();
        if (inputResponses != null) {
            for (Map.Entry<String, JsonNode> e : inputResponses.properties()) {
                if (signed.containsKey(e.getKey()))
                    throw McpException.invalidParams("Invalid params: inputResponses['" + e.getKey() + "'] would replace the answer an earlier round "
                            + "gave (signed in requestState); this round asked only for " + opened.asked());
                if (opened == null || opened.asked().contains(e.getKey())) fresh.put(e.getKey(), e.getValue());
            }
        }
        return new InputRound(method, name, signed, fresh, states, codec);
    }

    /** Answers {@code requests} from what the client gave, or unwinds the handler with what is missing. */
    InputResponses answer(Map<String, InputRequest> requests) {
        if (!signed.keySet().containsAll(requests.keySet())) {
            if (freshAskReached) refuseSkippedRound(requests);
            freshAskReached = true;
        }
        Map<String, InputRequest> missing = new LinkedHashMap<>();
        Map<String, Object> answers = new LinkedHashMap<>();
        for (Map.Entry<String, InputRequest> e : requests.entrySet()) {
            JsonNode answer = signed.containsKey(e.getKey()) ? signed.get(e.getKey()) : fresh.get(e.getKey());
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

    /**
     * An ask after the one this round's unsigned answers belong to: answering it from them would let a
     * client skip the round (and the signed state) that carries the earlier answers.
     */
    private void refuseSkippedRound(Map<String, InputRequest> requests) {
        for (String key : requests.keySet()) {
            if (!signed.containsKey(key) && fresh.containsKey(key))
                throw new InputRejected(JsonRpc.Error.invalidParams("Invalid params: inputResponses['" + key + "'] answers a later round than the "
                        + "one asked; send it with the requestState of the input_required result that asks for it"));
        }
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
        result.put("requestState", states.seal(method, name, used, required.missing.keySet()));
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
