package dev.switchboard.mcp;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Seals and opens the {@code requestState} of input_required round trips (SEP-2322).
 *
 * <p>The state is the whole continuation: the answers gathered in earlier rounds and the keys the
 * round that issued it asked for (the only keys the next round's {@code inputResponses} may
 * answer), bound to the request they belong to (method and tool or prompt name) and to an expiry. The handler is replayed
 * from the start on every round, so nothing else needs keeping, and any server instance configured
 * with the same key ({@code mcp.requestStateKey}) can finish a request another one started.
 *
 * <p>Format: {@code base64url(json) "." base64url(HMAC-SHA256(key, json))}. It is signed, not
 * encrypted: it only holds what the client itself sent. A state whose MAC does not verify, that
 * names another request or that has expired is refused with -32602 before any handler runs.
 */
final class RequestStates {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final HmacSha256 hmac;
    private final Duration ttl;
    private final Clock clock;
    private final ObjectMapper mapper;

    RequestStates(String secret, Duration ttl, Clock clock, ObjectMapper mapper) {
        this.hmac = HmacSha256.forSecret(secret);
        this.ttl = ttl;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** What an opened state holds: the answers signed so far and the keys its round asked for. */
    record Opened(Map<String, JsonNode> answers, Set<String> asked) {}

    /** The state that continues {@code method} on {@code name} with {@code answers}, having asked for {@code asked}. */
    String seal(String method, String name, Map<String, JsonNode> answers, Set<String> asked) {
        ObjectNode body = mapper.createObjectNode();
        body.put("m", method).put("n", name).put("exp", clock.millis() + ttl.toMillis());
        ObjectNode a = body.putObject("a");
        answers.forEach(a::set);
        ArrayNode q = body.putArray("q");
        asked.forEach(q::add);
        byte[] json = mapper.writeValueAsBytes(body);
        return ENCODER.encodeToString(json) + "." + ENCODER.encodeToString(hmac.tag(json, json.length));
    }

    /** The answers and asked keys a state carries, after checking that it is ours, for this request and not expired. */
    Opened open(String state, String method, String name) {
        int dot = state.lastIndexOf('.');
        byte[] json;
        byte[] tag;
        try {
            if (dot <= 0) throw new IllegalArgumentException("no signature");
            json = DECODER.decode(state.substring(0, dot));
            tag = DECODER.decode(state.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw refused("requestState integrity check failed: it is not a state this server issued");
        }
        // constant-time: a byte-by-byte early exit would tell an attacker how much of a forged MAC is right
        if (!MessageDigest.isEqual(tag, hmac.tag(json, json.length))) throw refused("requestState integrity check failed: the signature does not match");
        JsonNode body;
        try {
            body = mapper.readTree(json);
        } catch (JacksonException e) {
            throw refused("requestState integrity check failed: unreadable state");
        }
        if (!method.equals(body.path("m").asString(null)) || !name.equals(body.path("n").asString(null)))
            throw refused("requestState belongs to another request (" + body.path("m").asString("?") + " '" + body.path("n").asString("?")
                    + "'), not " + method + " '" + name + "'");
        if (body.path("exp").asLong(0) < clock.millis())
            throw refused("requestState has expired; start the request again without it");
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        body.path("a").properties().forEach(e -> answers.put(e.getKey(), e.getValue()));
        Set<String> asked = new LinkedHashSet<>();
        body.path("q").values().forEach(k -> asked.add(k.asString("")));
        return new Opened(answers, asked);
    }

    private static McpException refused(String message) {
        return McpException.invalidParams("Invalid params: " + message);
    }
}
