package dev.switchboard.mcp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * SEP-2243 custom headers: a tool argument whose schema property carries {@code x-mcp-header: "X"}
 * is repeated by 2026-07-28 clients in an {@code Mcp-Param-X} header, so that gateways can route on
 * it without parsing the body. The server checks the copy against the body, since a proxy that
 * trusts the header must not be told something else than the tool receives.
 *
 * <p>Values are plain text, or {@code =?base64?…?=} for what a header cannot carry (non-ASCII,
 * edge whitespace, control characters); anything not wrapped exactly so is literal. Base64 must be
 * canonical: padded to a multiple of four and only the standard alphabet.
 */
final class MirroredHeaders {
    private final Map<String, String> headerByArgument;

    private MirroredHeaders(Map<String, String> headerByArgument) {
        this.headerByArgument = headerByArgument;
    }

    static final MirroredHeaders NONE = new MirroredHeaders(Map.of());

    /** The mirrored arguments {@code inputSchema} declares, read once when the tool is registered. */
    static MirroredHeaders of(ObjectNode inputSchema) {
        JsonNode properties = inputSchema.get("properties");
        if (properties == null || !properties.isObject()) return NONE;
        Map<String, String> found = new LinkedHashMap<>();
        properties.properties().forEach(e -> {
            JsonNode header = e.getValue().get("x-mcp-header");
            if (header != null && header.isString()) found.put(e.getKey(), header.asString());
        });
        return found.isEmpty() ? NONE : new MirroredHeaders(Map.copyOf(found));
    }

    /** What is wrong with the headers' copies of {@code arguments}, or {@code null} when they agree. */
    String mismatch(ObjectNode arguments, Map<String, List<String>> headers) {
        for (Map.Entry<String, String> e : headerByArgument.entrySet()) {
            JsonNode value = arguments == null ? null : arguments.get(e.getKey());
            String headerName = "Mcp-Param-" + e.getValue();
            List<String> values = headers.get(headerName.toLowerCase(java.util.Locale.ROOT));
            String raw = values == null || values.isEmpty() ? null : values.getFirst().strip();
            if (value == null || value.isNull()) {
                if (raw != null) return headerName + " is present but argument '" + e.getKey() + "' is not";
                continue;
            }
            if (raw == null) return headerName + " is absent but argument '" + e.getKey() + "' is in the body";
            String decoded = decode(raw);
            if (decoded == null) return headerName + " is not valid =?base64?…?= (padding or alphabet)";
            String expected = value.isString() ? value.asString() : value.toString();
            if (!decoded.equals(expected)) return headerName + " does not match argument '" + e.getKey() + "' of the body";
        }
        return null;
    }

    /** The header's value, Base64-decoded when wrapped; {@code null} when the wrapped Base64 is invalid. */
    static String decode(String raw) {
        if (!(raw.startsWith("=?base64?") && raw.endsWith("?=") && raw.length() >= "=?base64??=".length())) return raw;
        String body = raw.substring("=?base64?".length(), raw.length() - 2);
        if (body.length() % 4 != 0) return null;
        try {
            byte[] bytes = java.util.Base64.getDecoder().decode(body);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }
}
