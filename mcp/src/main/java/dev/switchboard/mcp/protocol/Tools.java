package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Tools: {@code tools/list} and {@code tools/call}. */
public final class Tools {

    private Tools() {}

    /**
     * A tool the client can call.
     *
     * @param name         unique name, e.g. {@code get_weather}
     * @param title        optional display name
     * @param description  optional description, a hint to the model
     * @param inputSchema  JSON Schema of the arguments, an object schema
     * @param outputSchema optional JSON Schema of {@code structuredContent}
     * @param annotations  optional behaviour hints
     * @param execution    optional execution properties (task support)
     * @param icons        optional icons
     * @param meta         optional {@code _meta}
     */
    public record Tool(
            String name,
            String title,
            String description,
            ObjectNode inputSchema,
            ObjectNode outputSchema,
            ToolAnnotations annotations,
            ToolExecution execution,
            List<Icon> icons,
            @JsonProperty("_meta") ObjectNode meta) {

        public Tool {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(inputSchema, "inputSchema");
            icons = icons == null ? null : List.copyOf(icons);
        }

        /** A tool with a name, description and input schema. */
        public static Tool of(String name, String description, ObjectNode inputSchema) {
            return new Tool(name, null, description, inputSchema, null, null, null, null, null);
        }

        /** A tool without parameters: its schema accepts only the empty object. */
        public static Tool withoutArguments(String name, String description) {
            ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object")
                    .put("additionalProperties", false);
            return of(name, description, schema);
        }

        /** A copy with a display title. */
        public Tool withTitle(String title) {
            return new Tool(name, title, description, inputSchema, outputSchema, annotations, execution, icons, meta);
        }

        /** A copy with an output schema. */
        public Tool withOutputSchema(ObjectNode outputSchema) {
            return new Tool(name, title, description, inputSchema, outputSchema, annotations, execution, icons, meta);
        }

        /** A copy with annotations. */
        public Tool withAnnotations(ToolAnnotations annotations) {
            return new Tool(name, title, description, inputSchema, outputSchema, annotations, execution, icons, meta);
        }
    }

    /**
     * Hints about a tool's behaviour. Untrusted unless the server is trusted.
     *
     * @param title           optional display name
     * @param readOnlyHint    true if the tool does not modify its environment (default false)
     * @param destructiveHint true if updates may be destructive (default true)
     * @param idempotentHint  true if repeating a call has no further effect (default false)
     * @param openWorldHint   true if the tool reaches an open world of entities (default true)
     */
    public record ToolAnnotations(
            String title,
            Boolean readOnlyHint,
            Boolean destructiveHint,
            Boolean idempotentHint,
            Boolean openWorldHint) {

        /** Annotations for a read-only tool. */
        public static ToolAnnotations readOnly() {
            return new ToolAnnotations(null, true, null, null, null);
        }
    }

    /**
     * Execution properties of a tool.
     *
     * @param taskSupport {@code "forbidden"} (default), {@code "optional"} or {@code "required"};
     *     a string rather than an enum so a future value does not break a client's list
     */
    public record ToolExecution(String taskSupport) {}

    /**
     * Result of {@code tools/list}.
     *
     * @param tools      this page of tools
     * @param nextCursor the cursor of the next page, null on the last page
     * @param meta       optional {@code _meta}
     */
    public record ListToolsResult(List<Tool> tools, String nextCursor, @JsonProperty("_meta") ObjectNode meta) {

        public ListToolsResult {
            tools = List.copyOf(Objects.requireNonNull(tools, "tools"));
        }

        /** A single, last page. */
        public static ListToolsResult of(List<Tool> tools) {
            return new ListToolsResult(tools, null, null);
        }

        /** A page followed by the one at {@code nextCursor} (null for the last page). */
        public static ListToolsResult page(List<Tool> tools, String nextCursor) {
            return new ListToolsResult(tools, nextCursor, null);
        }
    }

    /**
     * Params of {@code tools/call}.
     *
     * @param name      the tool
     * @param arguments optional arguments, an object
     * @param task      optional task augmentation ({@code {"ttl": ms}}), kept as JSON
     * @param inputResponses 2026-07-28: the client's answers to an {@code input_required} round, by key
     * @param requestState   2026-07-28: the opaque state of that round, echoed back
     * @param meta      optional {@code _meta}, where {@code progressToken} lives
     */
    public record CallToolParams(
            String name, ObjectNode arguments, ObjectNode task, ObjectNode inputResponses, String requestState,
            @JsonProperty("_meta") ObjectNode meta)
            implements Params {

        public CallToolParams {
            Objects.requireNonNull(name, "name");
        }

        /** A call with arguments. */
        public static CallToolParams of(String name, ObjectNode arguments) {
            return new CallToolParams(name, arguments, null, null, null, null);
        }

        /** The arguments, or an empty object when none were sent. */
        public ObjectNode argumentsOrEmpty() {
            return arguments != null ? arguments : JsonNodeFactory.instance.objectNode();
        }
    }

    /**
     * Result of {@code tools/call}. Tool failures belong here with {@code isError} true (the
     * model can read and correct them), not in a JSON-RPC error.
     *
     * @param content           unstructured result blocks
     * @param structuredContent optional structured result, conforming to the output schema
     * @param isError           optional; true when the tool failed
     * @param meta              optional {@code _meta}
     */
    public record CallToolResult(
            List<Content> content,
            ObjectNode structuredContent,
            Boolean isError,
            @JsonProperty("_meta") ObjectNode meta) {

        public CallToolResult {
            content = List.copyOf(Objects.requireNonNull(content, "content"));
        }

        /** A successful result with one text block. */
        public static CallToolResult text(String text) {
            return new CallToolResult(List.of(Content.text(text)), null, null, null);
        }

        /** A successful result with the given blocks. */
        public static CallToolResult of(Content... content) {
            return new CallToolResult(List.of(content), null, null, null);
        }

        /**
         * A structured result. The spec asks servers to repeat it as serialized JSON in a text
         * block for clients that predate structured output, so the caller passes that text.
         */
        public static CallToolResult structured(ObjectNode structuredContent, String jsonText) {
            return new CallToolResult(List.of(Content.text(jsonText)), structuredContent, null, null);
        }

        /** A failed call the model should see, with {@code isError} true. */
        public static CallToolResult error(String message) {
            return new CallToolResult(List.of(Content.text(message)), null, true, null);
        }

        /** True when {@code isError} is set and true. */
        public boolean failed() {
            return Boolean.TRUE.equals(isError);
        }
    }
}
