package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/** Argument completion: {@code completion/complete}. */
public final class Completion {

    /** The spec caps one response at 100 values. */
    public static final int MAX_VALUES = 100;

    private Completion() {}

    /**
     * Params of {@code completion/complete}.
     *
     * @param ref      the prompt or resource template whose argument is completed
     * @param argument the argument and what the user typed so far
     * @param context  optional previously resolved arguments
     * @param meta     optional {@code _meta}
     */
    public record CompleteParams(
            Reference ref, Argument argument, Context context, @JsonProperty("_meta") ObjectNode meta)
            implements Params {
        public CompleteParams {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(argument, "argument");
        }

        /** Params without context. */
        public static CompleteParams of(Reference ref, String argumentName, String value) {
            return new CompleteParams(ref, new Argument(argumentName, value), null, null);
        }
    }

    /**
     * What is being completed. A reference type this revision does not know fails to decode with
     * -32602: the server could not complete it anyway.
     */
    @JsonTypeInfo(
            use = JsonTypeInfo.Id.NAME,
            include = JsonTypeInfo.As.EXISTING_PROPERTY,
            property = "type",
            visible = true)
    @JsonSubTypes({
        @JsonSubTypes.Type(value = PromptRef.class, name = "ref/prompt"),
        @JsonSubTypes.Type(value = ResourceTemplateRef.class, name = "ref/resource")
    })
    @JsonPropertyOrder({"type"})
    public sealed interface Reference permits PromptRef, ResourceTemplateRef {

        /** The wire discriminator. */
        @JsonProperty("type")
        String type();

        /** A reference to a prompt. */
        static PromptRef prompt(String name) {
            return new PromptRef(name, null);
        }

        /** A reference to a resource template. */
        static ResourceTemplateRef resourceTemplate(String uri) {
            return new ResourceTemplateRef(uri);
        }
    }

    /**
     * {@code ref/prompt}: a prompt by name.
     *
     * @param name  the prompt
     * @param title optional display name
     */
    public record PromptRef(String name, String title) implements Reference {
        public PromptRef {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String type() {
            return "ref/prompt";
        }
    }

    /**
     * {@code ref/resource}: a resource template by URI (template).
     *
     * @param uri the URI or URI template
     */
    public record ResourceTemplateRef(String uri) implements Reference {
        public ResourceTemplateRef {
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public String type() {
            return "ref/resource";
        }
    }

    /**
     * The argument being completed.
     *
     * @param name  its name
     * @param value what the user typed so far
     */
    public record Argument(String name, String value) {
        public Argument {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Extra context for completion.
     *
     * @param arguments previously resolved arguments of the same prompt or template
     */
    public record Context(Map<String, String> arguments) {}

    /**
     * Result of {@code completion/complete}.
     *
     * @param completion the suggestions
     * @param meta       optional {@code _meta}
     */
    public record CompleteResult(Values completion, @JsonProperty("_meta") ObjectNode meta) {
        public CompleteResult {
            Objects.requireNonNull(completion, "completion");
        }

        /**
         * A result from every matching value: the first {@value Completion#MAX_VALUES} are sent, with the
         * total and whether more exist.
         */
        public static CompleteResult of(List<String> matches) {
            List<String> first = matches.size() > MAX_VALUES ? matches.subList(0, MAX_VALUES) : matches;
            return new CompleteResult(new Values(first, matches.size(), matches.size() > MAX_VALUES), null);
        }

        /** A result without suggestions. */
        public static CompleteResult empty() {
            return new CompleteResult(new Values(List.of(), null, null), null);
        }
    }

    /**
     * Completion suggestions.
     *
     * @param values  at most {@value Completion#MAX_VALUES} suggestions
     * @param total   optional number of matches, may exceed {@code values.size()}
     * @param hasMore optional; true if more matches exist than sent
     */
    public record Values(List<String> values, Integer total, Boolean hasMore) {
        public Values {
            values = List.copyOf(Objects.requireNonNull(values, "values"));
            if (values.size() > MAX_VALUES) {
                throw new IllegalArgumentException(
                        "at most " + MAX_VALUES + " completion values, got " + values.size());
            }
        }
    }
}
