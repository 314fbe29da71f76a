package dev.switchboard.mcp.codec;

import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.ProgressToken;
import dev.switchboard.mcp.protocol.RequestId;
import dev.switchboard.mcp.protocol.ResourceContents;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Jackson bindings for the protocol types whose wire shape is not a plain record: ids and progress
 * tokens (a string or an integer, never coerced), and the two unions without a usable
 * discriminator for annotations.
 *
 * <p>The union deserializers are registered for the interface only, so binding a concrete record
 * ({@code ResourceContents.Text}) still uses the default record deserializer and cannot recurse.
 */
final class WireModule extends SimpleModule {

    WireModule() {
        super("switchboard-mcp");
        addSerializer(RequestId.class, new RequestIdSerializer());
        addDeserializer(RequestId.class, new RequestIdDeserializer());
        addSerializer(ProgressToken.class, new ProgressTokenSerializer());
        addDeserializer(ProgressToken.class, new ProgressTokenDeserializer());
        addDeserializer(ResourceContents.class, new ResourceContentsDeserializer());
        addDeserializer(Elicitation.ElicitParams.class, new ElicitParamsDeserializer());
    }

    /** Reads a long from an integer token, or null when the token is something else. */
    private static Long integerOrNull(JsonParser p) {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            return null;
        }
        JsonParser.NumberType type = p.getNumberType();
        return type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG ? p.getLongValue() : null;
    }

    private static final class RequestIdSerializer extends StdSerializer<RequestId> {
        RequestIdSerializer() {
            super(RequestId.class);
        }

        @Override
        public void serialize(RequestId id, JsonGenerator g, SerializationContext ctxt) {
            switch (id) {
                case RequestId.StringId s -> g.writeString(s.value());
                case RequestId.NumberId n -> g.writeNumber(n.value());
            }
        }
    }

    private static final class RequestIdDeserializer extends StdDeserializer<RequestId> {
        RequestIdDeserializer() {
            super(RequestId.class);
        }

        @Override
        public RequestId deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return new RequestId.StringId(p.getString());
            }
            Long number = integerOrNull(p);
            if (number != null) {
                return new RequestId.NumberId(number);
            }
            return ctxt.reportInputMismatch(RequestId.class, "must be a string or an integer");
        }
    }

    private static final class ProgressTokenSerializer extends StdSerializer<ProgressToken> {
        ProgressTokenSerializer() {
            super(ProgressToken.class);
        }

        @Override
        public void serialize(ProgressToken token, JsonGenerator g, SerializationContext ctxt) {
            switch (token) {
                case ProgressToken.StringToken s -> g.writeString(s.value());
                case ProgressToken.NumberToken n -> g.writeNumber(n.value());
            }
        }
    }

    private static final class ProgressTokenDeserializer extends StdDeserializer<ProgressToken> {
        ProgressTokenDeserializer() {
            super(ProgressToken.class);
        }

        @Override
        public ProgressToken deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return new ProgressToken.StringToken(p.getString());
            }
            Long number = integerOrNull(p);
            if (number != null) {
                return new ProgressToken.NumberToken(number);
            }
            return ctxt.reportInputMismatch(ProgressToken.class, "must be a string or an integer");
        }
    }

    /** No discriminator on the wire: {@code blob} makes it binary, {@code text} makes it text. */
    private static final class ResourceContentsDeserializer extends StdDeserializer<ResourceContents> {
        ResourceContentsDeserializer() {
            super(ResourceContents.class);
        }

        @Override
        public ResourceContents deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return ctxt.reportInputMismatch(ResourceContents.class, "must be an object");
            }
            JsonNode node = ctxt.readTree(p);
            if (node.has("blob")) {
                return ctxt.readTreeAsValue(node, ResourceContents.Blob.class);
            }
            if (node.has("text")) {
                return ctxt.readTreeAsValue(node, ResourceContents.Text.class);
            }
            return ctxt.reportInputMismatch(ResourceContents.class, "needs a text or a blob member");
        }
    }

    /** The discriminator {@code mode} may be absent (form, as in 2025-06-18). */
    private static final class ElicitParamsDeserializer extends StdDeserializer<Elicitation.ElicitParams> {
        ElicitParamsDeserializer() {
            super(Elicitation.ElicitParams.class);
        }

        @Override
        public Elicitation.ElicitParams deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return ctxt.reportInputMismatch(Elicitation.ElicitParams.class, "must be an object");
            }
            JsonNode node = ctxt.readTree(p);
            JsonNode mode = node.get("mode");
            if (mode == null || mode.isNull() || (mode.isString() && mode.stringValue().equals("form"))) {
                return ctxt.readTreeAsValue(node, Elicitation.Form.class);
            }
            if (mode.isString() && mode.stringValue().equals("url")) {
                return ctxt.readTreeAsValue(node, Elicitation.Url.class);
            }
            return ctxt.reportInputMismatch(Elicitation.ElicitParams.class,
                    "mode must be \"form\" or \"url\", got " + mode);
        }
    }
}
