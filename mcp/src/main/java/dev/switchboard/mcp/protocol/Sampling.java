package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/** Sampling: the server asks the client's LLM for a message, {@code sampling/createMessage}. */
public final class Sampling {

    private Sampling() {}

    /**
     * Params of {@code sampling/createMessage}.
     *
     * @param messages         the conversation so far
     * @param modelPreferences optional model selection hints
     * @param systemPrompt     optional system prompt
     * @param includeContext   optional context to include, soft-deprecated beyond {@code none}
     * @param temperature      optional sampling temperature
     * @param maxTokens        the most tokens to sample
     * @param stopSequences    optional stop sequences
     * @param metadata         optional provider-specific metadata
     * @param tools            optional tools the model may use (client must declare support)
     * @param toolChoice       optional tool use mode
     * @param task             optional task augmentation, kept as JSON
     * @param meta             optional {@code _meta}
     */
    public record CreateMessageParams(
            List<SamplingMessage> messages,
            ModelPreferences modelPreferences,
            String systemPrompt,
            IncludeContext includeContext,
            Double temperature,
            Integer maxTokens,
            List<String> stopSequences,
            ObjectNode metadata,
            List<Tools.Tool> tools,
            ToolChoice toolChoice,
            ObjectNode task,
            @JsonProperty("_meta") ObjectNode meta) implements Params {

        public CreateMessageParams {
            messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
            Objects.requireNonNull(maxTokens, "maxTokens");
            stopSequences = stopSequences == null ? null : List.copyOf(stopSequences);
            tools = tools == null ? null : List.copyOf(tools);
        }

        /** A request for at most {@code maxTokens} tokens continuing {@code messages}. */
        public static CreateMessageParams of(List<SamplingMessage> messages, int maxTokens) {
            return new CreateMessageParams(messages, null, null, null, null, maxTokens, null, null, null, null, null,
                    null);
        }

        /** A copy with a system prompt. */
        public CreateMessageParams withSystemPrompt(String systemPrompt) {
            return new CreateMessageParams(messages, modelPreferences, systemPrompt, includeContext, temperature,
                    maxTokens, stopSequences, metadata, tools, toolChoice, task, meta);
        }

        /** A copy with model preferences. */
        public CreateMessageParams withModelPreferences(ModelPreferences modelPreferences) {
            return new CreateMessageParams(messages, modelPreferences, systemPrompt, includeContext, temperature,
                    maxTokens, stopSequences, metadata, tools, toolChoice, task, meta);
        }
    }

    /**
     * A message to or from the LLM. On the wire {@code content} is one block or, since
     * 2025-11-25, an array; a single block is written unwrapped so older clients read it.
     *
     * @param role    who speaks
     * @param content the blocks: text, image, audio, tool use or tool result
     * @param meta    optional {@code _meta}
     */
    public record SamplingMessage(
            Role role,
            @JsonFormat(with = {
                JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                JsonFormat.Feature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED
            }) List<Content> content,
            @JsonProperty("_meta") ObjectNode meta) {

        public SamplingMessage {
            Objects.requireNonNull(role, "role");
            content = List.copyOf(Objects.requireNonNull(content, "content"));
        }

        /** A user message with text. */
        public static SamplingMessage user(String text) {
            return new SamplingMessage(Role.USER, List.of(Content.text(text)), null);
        }
    }

    /**
     * The client's answer to {@code sampling/createMessage}.
     *
     * @param role       who speaks, normally the assistant
     * @param content    one block or several, written like {@link SamplingMessage#content()}
     * @param model      the model that produced it
     * @param stopReason optional: {@code endTurn}, {@code stopSequence}, {@code maxTokens},
     *     {@code toolUse} or a provider-specific string
     * @param meta       optional {@code _meta}
     */
    public record CreateMessageResult(
            Role role,
            @JsonFormat(with = {
                JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                JsonFormat.Feature.WRITE_SINGLE_ELEM_ARRAYS_UNWRAPPED
            }) List<Content> content,
            String model,
            String stopReason,
            @JsonProperty("_meta") ObjectNode meta) {

        public CreateMessageResult {
            Objects.requireNonNull(role, "role");
            content = List.copyOf(Objects.requireNonNull(content, "content"));
            Objects.requireNonNull(model, "model");
        }

        /** An assistant text answer. */
        public static CreateMessageResult text(String model, String text, String stopReason) {
            return new CreateMessageResult(Role.ASSISTANT, List.of(Content.text(text)), model, stopReason, null);
        }
    }

    /**
     * Advisory model selection preferences.
     *
     * @param hints                optional model name hints, evaluated in order
     * @param costPriority         optional 0..1
     * @param speedPriority        optional 0..1
     * @param intelligencePriority optional 0..1
     */
    public record ModelPreferences(
            List<ModelHint> hints, Double costPriority, Double speedPriority, Double intelligencePriority) {
        public ModelPreferences {
            hints = hints == null ? null : List.copyOf(hints);
        }
    }

    /**
     * A model name hint, matched as a substring by the client.
     *
     * @param name e.g. {@code "sonnet"}
     */
    public record ModelHint(String name) {}

    /**
     * How the model may use tools.
     *
     * @param mode optional mode, {@code auto} by default
     */
    public record ToolChoice(Mode mode) {

        /** Tool use modes. */
        public enum Mode {
            AUTO("auto"),
            REQUIRED("required"),
            NONE("none");

            private final String wireName;

            Mode(String wireName) {
                this.wireName = wireName;
            }

            /** The name on the wire. */
            @JsonValue
            public String wireName() {
                return wireName;
            }

            @Override
            public String toString() {
                return wireName;
            }
        }
    }

    /** Which MCP servers' context the client should include. */
    public enum IncludeContext {
        NONE("none"),
        THIS_SERVER("thisServer"),
        ALL_SERVERS("allServers");

        private final String wireName;

        IncludeContext(String wireName) {
            this.wireName = wireName;
        }

        /** The name on the wire. */
        @JsonValue
        public String wireName() {
            return wireName;
        }

        @Override
        public String toString() {
            return wireName;
        }
    }
}
