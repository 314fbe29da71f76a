package dev.switchboard.mcp;

import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Schema 2020-12 for tool arguments and results: generated from Java types with victools,
 * validated with networknt. A schema is compiled (and its validators built) once, when the tool is
 * registered, because compiling per call costs far more than validating.
 *
 * <p>Record components are required unless they are {@link Optional} or marked
 * {@code @Arg(required = false)}; {@code @Arg(description = …)} becomes the property's description.
 *
 * <p>Public so that code outside the engine can generate and check exactly what {@code tools/call}
 * does: a tool author's tests of a record's schema, and the benchmarks module's
 * {@code SchemaBenchmark}, which measures validation without sitting in this package.
 */
public final class JsonSchemas {
    private static final SchemaGenerator GENERATOR = generator();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private JsonSchemas() {}

    private static SchemaGenerator generator() {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .without(Option.SCHEMA_VERSION_INDICATOR)
                .with(Option.FLATTENED_OPTIONALS);
        config.forFields()
                .withRequiredCheck(field -> {
                    Arg arg = field.getAnnotationConsideringFieldAndGetter(Arg.class);
                    if (arg != null && !arg.required()) return false;
                    return !field.getType().isInstanceOf(Optional.class);
                })
                .withDescriptionResolver(field -> {
                    Arg arg = field.getAnnotationConsideringFieldAndGetter(Arg.class);
                    return arg == null || arg.description().isEmpty() ? null : arg.description();
                });
        return new SchemaGenerator(config.build());
    }

    /** The schema of {@code type}, as MCP wants an input or output schema: an object schema. */
    public static ObjectNode generate(Type type) {
        // raw JSON arguments: any object
        if (type instanceof Class<?> c && JsonNode.class.isAssignableFrom(c)) return tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode schema = GENERATOR.generateSchema(type);
        if (!schema.has("type")) schema.put("type", "object");
        return schema;
    }

    /** Compiles {@code schema} once; the result validates many instances. */
    public static Check compile(JsonNode schema) {
        Schema compiled = REGISTRY.getSchema(schema);
        compiled.initializeValidators();
        return new Check(compiled);
    }

    /**
     * A compiled schema.
     *
     * @param schema the networknt schema, validators built
     */
    public record Check(Schema schema) {
        /** {@code null} when {@code instance} conforms, else every problem in one sentence. */
        public String problems(JsonNode instance) {
            List<Error> errors = schema.validate(instance);
            if (errors.isEmpty()) return null;
            return errors.stream().map(Check::describe).collect(Collectors.joining("; "));
        }

        private static String describe(Error e) {
            String where = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
            String message = e.getMessage();
            return where.isEmpty() || message.startsWith(where) ? message : where + ": " + message;
        }
    }
}
