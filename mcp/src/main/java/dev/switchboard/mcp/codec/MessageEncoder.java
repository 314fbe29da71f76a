package dev.switchboard.mcp.codec;

import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.PaginatedParams;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.RequestId;
import java.io.ByteArrayOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes JSON-RPC envelopes member by member on a generator of the shared mapper: the envelope
 * needs no serializer lookup and no wrapper object, and the payload (a result or params record)
 * goes through the mapper's cached serializer for its class.
 */
final class MessageEncoder {

    private final JsonMapper mapper;

    MessageEncoder(JsonMapper mapper) {
        this.mapper = mapper;
    }

    byte[] result(RequestId id, Object result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("jsonrpc", JsonRpc.VERSION);
            writeId(g, id);
            g.writeName("result");
            if (result == null) {
                g.writeStartObject();
                g.writeEndObject();
            } else if (result instanceof RawResult raw) {
                g.writeRawValue(raw.json()); // checked JSON: forwarded as it arrived, no tree or record in between
            } else {
                g.writePOJO(result);
            }
            g.writeEndObject();
        } catch (JacksonException e) {
            throw encodingFailed("result", result, e);
        }
        return out.toByteArray();
    }

    byte[] error(RequestId id, JsonRpc.Error error) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("jsonrpc", JsonRpc.VERSION);
            // JSON-RPC: an error about a message whose id could not be read carries "id": null
            writeId(g, id);
            g.writeName("error");
            g.writeStartObject();
            g.writeNumberProperty("code", error.code());
            g.writeStringProperty("message", error.message());
            if (error.data() != null) {
                g.writeName("data");
                g.writeTree(error.data());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    byte[] request(RequestId id, String method, Params params) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = mapper.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("jsonrpc", JsonRpc.VERSION);
            if (id != null) {
                writeId(g, id);
            }
            g.writeStringProperty("method", method);
            if (params != null && !isBareEmpty(params)) {
                g.writeName("params");
                g.writePOJO(params);
            }
            g.writeEndObject();
        } catch (JacksonException e) {
            throw encodingFailed("params", params, e);
        }
        return out.toByteArray();
    }

    /** Params that would encode as {@code {}} are left out, as the spec's examples do. */
    private static boolean isBareEmpty(Params params) {
        return switch (params) {
            case Params.Empty empty -> empty.meta() == null;
            case PaginatedParams page -> page.cursor() == null && page.meta() == null;
            default -> false;
        };
    }

    private static void writeId(JsonGenerator g, RequestId id) {
        g.writeName("id");
        switch (id) {
            case null -> g.writeNull();
            case RequestId.StringId s -> g.writeString(s.value());
            case RequestId.NumberId n -> g.writeNumber(n.value());
        }
    }

    private static McpException encodingFailed(String what, Object value, JacksonException e) {
        return new McpException(JsonRpc.INTERNAL_ERROR, "Internal error: cannot encode " + what + " of type "
                + value.getClass().getName() + ": " + e.getOriginalMessage());
    }
}
