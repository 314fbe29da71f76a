package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/** Prompts: {@code prompts/list} and {@code prompts/get}. */
public final class Prompts {

    private Prompts() {}

    /**
     * A prompt or prompt template the server offers.
     *
     * @param name        programmatic name
     * @param title       optional display name
     * @param description optional description
     * @param arguments   optional template arguments
     * @param icons       optional icons
     * @param meta        optional {@code _meta}
     */
    public record Prompt(
            String name,
            String title,
            String description,
            List<PromptArgument> arguments,
            List<Icon> icons,
            @JsonProperty("_meta") ObjectNode meta) {

        public Prompt {
            Objects.requireNonNull(name, "name");
            arguments = arguments == null ? null : List.copyOf(arguments);
            icons = icons == null ? null : List.copyOf(icons);
        }

        /** A prompt with a description and arguments. */
        public static Prompt of(String name, String description, PromptArgument... arguments) {
            return new Prompt(name, null, description, arguments.length == 0 ? null : List.of(arguments), null, null);
        }
    }

    /**
     * An argument of a prompt template.
     *
     * @param name        programmatic name
     * @param title       optional display name
     * @param description optional description
     * @param required    optional; true if it must be given
     */
    public record PromptArgument(String name, String title, String description, Boolean required) {
        public PromptArgument {
            Objects.requireNonNull(name, "name");
        }

        /** A required argument. */
        public static PromptArgument required(String name, String description) {
            return new PromptArgument(name, null, description, true);
        }

        /** An optional argument. */
        public static PromptArgument optional(String name, String description) {
            return new PromptArgument(name, null, description, null);
        }
    }

    /**
     * Result of {@code prompts/list}.
     *
     * @param prompts    this page
     * @param nextCursor the next page's cursor, null on the last page
     * @param meta       optional {@code _meta}
     */
    public record ListPromptsResult(List<Prompt> prompts, String nextCursor, @JsonProperty("_meta") ObjectNode meta) {
        public ListPromptsResult {
            prompts = List.copyOf(Objects.requireNonNull(prompts, "prompts"));
        }

        /** A page followed by the one at {@code nextCursor} (null for the last page). */
        public static ListPromptsResult page(List<Prompt> prompts, String nextCursor) {
            return new ListPromptsResult(prompts, nextCursor, null);
        }
    }

    /**
     * Params of {@code prompts/get}.
     *
     * @param name      the prompt
     * @param arguments optional template arguments, string values only
     * @param inputResponses 2026-07-28: the client's answers to an {@code input_required} round, by key
     * @param requestState   2026-07-28: the opaque state of that round, echoed back
     * @param meta      optional {@code _meta}
     */
    public record GetPromptParams(String name, Map<String, String> arguments, ObjectNode inputResponses, String requestState,
                                  @JsonProperty("_meta") ObjectNode meta)
            implements Params {
        public GetPromptParams {
            Objects.requireNonNull(name, "name");
        }

        /** Params with arguments. */
        public static GetPromptParams of(String name, Map<String, String> arguments) {
            return new GetPromptParams(name, arguments, null, null, null);
        }

        /** The arguments, or an empty map when none were sent. */
        public Map<String, String> argumentsOrEmpty() {
            return arguments != null ? arguments : Map.of();
        }
    }

    /**
     * Result of {@code prompts/get}.
     *
     * @param description optional description
     * @param messages    the prompt's messages
     * @param meta        optional {@code _meta}
     */
    public record GetPromptResult(
            String description, List<PromptMessage> messages, @JsonProperty("_meta") ObjectNode meta) {
        public GetPromptResult {
            messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        }

        /** A result with a description and messages. */
        public static GetPromptResult of(String description, PromptMessage... messages) {
            return new GetPromptResult(description, List.of(messages), null);
        }
    }

    /**
     * One message of a prompt.
     *
     * @param role    who speaks
     * @param content what is said; any content block, including embedded resources
     */
    public record PromptMessage(Role role, Content content) {
        public PromptMessage {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(content, "content");
        }

        /** A user message with text. */
        public static PromptMessage user(String text) {
            return new PromptMessage(Role.USER, Content.text(text));
        }

        /** An assistant message with text. */
        public static PromptMessage assistant(String text) {
            return new PromptMessage(Role.ASSISTANT, Content.text(text));
        }
    }
}
