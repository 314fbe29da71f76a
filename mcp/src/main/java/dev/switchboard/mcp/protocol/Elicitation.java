package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Elicitation: the server asks the user for input through the client, {@code elicitation/create},
 * in form mode (a flat JSON Schema the client renders) or URL mode (the user visits a page, for
 * input that must not pass through the client, such as credentials).
 */
public final class Elicitation {

    private Elicitation() {}

    /**
     * Params of {@code elicitation/create}, told apart by {@code mode}. An absent mode means
     * form, as in 2025-06-18 which had no other.
     */
    @JsonPropertyOrder({"mode"})
    public sealed interface ElicitParams extends Params permits Form, Url {

        /** {@code "form"} or {@code "url"}. */
        @JsonProperty("mode")
        String mode();

        /** The message shown to the user. */
        String message();

        /** A form-mode request. */
        static Form form(String message, ObjectNode requestedSchema) {
            return new Form(message, requestedSchema, null, null);
        }

        /** A URL-mode request. */
        static Url url(String message, String elicitationId, String url) {
            return new Url(message, elicitationId, url, null, null);
        }
    }

    /**
     * Form mode.
     *
     * @param message         what is asked and why
     * @param requestedSchema a restricted JSON Schema: an object with primitive top-level
     *     properties only, kept as JSON
     * @param task            optional task augmentation, kept as JSON
     * @param meta            optional {@code _meta}
     */
    public record Form(
            String message, ObjectNode requestedSchema, ObjectNode task, @JsonProperty("_meta") ObjectNode meta)
            implements ElicitParams {
        public Form {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(requestedSchema, "requestedSchema");
        }

        @Override
        public String mode() {
            return "form";
        }
    }

    /**
     * URL mode.
     *
     * @param message       why the user should visit the URL
     * @param elicitationId unique within the server, echoed in
     *     {@code notifications/elicitation/complete}
     * @param url           the page to visit
     * @param task          optional task augmentation, kept as JSON
     * @param meta          optional {@code _meta}
     */
    public record Url(String message, String elicitationId, String url, ObjectNode task,
            @JsonProperty("_meta") ObjectNode meta) implements ElicitParams {
        public Url {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(elicitationId, "elicitationId");
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String mode() {
            return "url";
        }
    }

    /** What the user did. */
    public enum Action {
        /** Submitted the form or confirmed. */
        ACCEPT("accept"),
        /** Explicitly declined. */
        DECLINE("decline"),
        /** Dismissed without choosing. */
        CANCEL("cancel");

        private final String wireName;

        Action(String wireName) {
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

    /**
     * The client's answer to {@code elicitation/create}.
     *
     * @param action  what the user did
     * @param content the submitted values, only for an accepted form
     * @param meta    optional {@code _meta}
     */
    public record ElicitResult(Action action, ObjectNode content, @JsonProperty("_meta") ObjectNode meta) {
        public ElicitResult {
            Objects.requireNonNull(action, "action");
        }

        /** An accepted form with its values. */
        public static ElicitResult accept(ObjectNode content) {
            return new ElicitResult(Action.ACCEPT, content, null);
        }

        /** A declined request. */
        public static ElicitResult decline() {
            return new ElicitResult(Action.DECLINE, null, null);
        }

        /** A dismissed request. */
        public static ElicitResult cancel() {
            return new ElicitResult(Action.CANCEL, null, null);
        }
    }

    /**
     * Params of {@code notifications/elicitation/complete}: a URL-mode elicitation finished.
     *
     * @param elicitationId the elicitation that completed
     * @param meta          optional {@code _meta}
     */
    public record CompleteParams(String elicitationId, @JsonProperty("_meta") ObjectNode meta) implements Params {
        public CompleteParams {
            Objects.requireNonNull(elicitationId, "elicitationId");
        }
    }
}
