package dev.switchboard.mcp.codec;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Builds the one {@link JsonMapper} a codec shares across threads. Each setting answers a
 * protocol rule:
 *
 * <ul>
 *   <li>a member named twice in one object, at any depth, is refused by the parser
 *       ({@code STRICT_DUPLICATE_DETECTION}): "last one wins" would let {@code {"name":"echo","name":"add"}}
 *       run {@code add} behind a check that read {@code echo};
 *   <li>nesting depth is capped in the parser, so a 10,000-deep array fails at depth
 *       {@code maxNestingDepth + 1} instead of overflowing the stack in a recursive deserializer;
 *   <li>unknown members are ignored: newer peers add fields, and MCP says to tolerate them;
 *   <li>null members are omitted: optional fields are absent on the wire, never {@code null};
 *   <li>no scalar coercion: {@code "name": 5} or {@code "maxTokens": "5"} is a -32602, not a
 *       silent conversion, so a client learns about its bug from the first call.
 * </ul>
 */
final class WireMapper {

    private WireMapper() {}

    static JsonMapper create(int maxNestingDepth) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxNestingDepth).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory)
                .addModule(new WireModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .changeDefaultPropertyInclusion(inclusion -> inclusion
                        .withValueInclusion(JsonInclude.Include.NON_NULL)
                        .withContentInclusion(JsonInclude.Include.NON_NULL))
                .build();
    }
}
