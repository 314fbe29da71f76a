package dev.switchboard.mcp;

import java.util.Map;

/**
 * Thrown inside a stateless request's handler when it asks for input the client has not given yet.
 * It unwinds the handler (whose work so far is replayed on the retry) to the dispatcher, which
 * answers {@code resultType: "input_required"}. Not an error: it carries no stack trace.
 */
final class InputRequired extends RuntimeException {
    final Map<String, InputRequest> missing;

    InputRequired(Map<String, InputRequest> missing) {
        super("input required: " + missing.keySet(), null, false, false);
        this.missing = missing;
    }
}
