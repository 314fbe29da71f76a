package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.Elicitation;
import dev.switchboard.mcp.protocol.McpMethods;
import dev.switchboard.mcp.protocol.Params;
import dev.switchboard.mcp.protocol.Roots;
import dev.switchboard.mcp.protocol.Sampling;
import tools.jackson.databind.node.ObjectNode;

/**
 * Something a handler needs from the client before it can finish: a form or URL elicitation, a
 * sampling call, or the client's roots. Pass one or several, each under a key of your choosing, to
 * {@link Context#ask}; the same code serves both protocol eras (server-to-client requests for a
 * session client, an {@code input_required} round trip for a 2026-07-28 client).
 */
public sealed interface InputRequest {

    /** The JSON-RPC method the client answers. */
    String method();

    /** The method's params. */
    Params params();

    /** A form elicitation ({@code elicitation/create}, form mode). */
    static InputRequest elicit(String message, ObjectNode requestedSchema) {
        return new Elicit(Elicitation.ElicitParams.form(message, requestedSchema));
    }

    /** A URL elicitation ({@code elicitation/create}, URL mode). */
    static InputRequest elicitUrl(String message, String elicitationId, String url) {
        return new Elicit(Elicitation.ElicitParams.url(message, elicitationId, url));
    }

    /** A completion from the client's model ({@code sampling/createMessage}). */
    static InputRequest sample(Sampling.CreateMessageParams params) {
        return new Sample(params);
    }

    /** The client's roots ({@code roots/list}). */
    static InputRequest roots() {
        return ListRoots.INSTANCE;
    }

    /** An elicitation, answered by an {@link Elicitation.ElicitResult}. */
    record Elicit(Elicitation.ElicitParams params) implements InputRequest {
        @Override
        public String method() {
            return McpMethods.ELICITATION_CREATE;
        }
    }

    /** A sampling call, answered by a {@link Sampling.CreateMessageResult}. */
    record Sample(Sampling.CreateMessageParams params) implements InputRequest {
        @Override
        public String method() {
            return McpMethods.SAMPLING_CREATE_MESSAGE;
        }
    }

    /** A roots listing, answered by a {@link Roots.ListRootsResult}. */
    record ListRoots() implements InputRequest {
        static final ListRoots INSTANCE = new ListRoots();

        @Override
        public String method() {
            return McpMethods.ROOTS_LIST;
        }

        @Override
        public Params params() {
            return Params.Empty.INSTANCE;
        }
    }
}
