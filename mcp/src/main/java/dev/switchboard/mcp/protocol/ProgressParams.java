package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * Params of {@code notifications/progress}, sent by whoever handles a request whose
 * {@code _meta.progressToken} asked for progress. The {@code progressToken} component also answers
 * {@link Params#progressToken()}: here the token is the subject of the message, not a request for
 * further progress, and a notification's own {@code _meta} never carries one.
 *
 * @param progressToken the token from the request
 * @param progress      progress so far (required); should increase with every notification
 * @param total         optional total, if known
 * @param message       optional human-readable status
 * @param meta          optional {@code _meta}
 */
public record ProgressParams(
        ProgressToken progressToken, Double progress, Double total, String message,
        @JsonProperty("_meta") ObjectNode meta) implements Params {

    public ProgressParams {
        Objects.requireNonNull(progressToken, "progressToken");
        Objects.requireNonNull(progress, "progress");
    }

    /** Progress with a known total. */
    public static ProgressParams of(ProgressToken token, double progress, double total) {
        return new ProgressParams(token, progress, total, null, null);
    }

    /** A copy with a status message. */
    public ProgressParams withMessage(String message) {
        return new ProgressParams(progressToken, progress, total, message, meta);
    }
}
