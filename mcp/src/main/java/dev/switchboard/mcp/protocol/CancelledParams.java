package dev.switchboard.mcp.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.node.ObjectNode;

/**
 * Params of {@code notifications/cancelled}: the sender gives up on a request it issued. The
 * request may already be finished; the receiver then ignores the notification.
 *
 * @param requestId the id of the request to cancel; required for non-task requests
 * @param reason    optional reason, for logs
 * @param meta      optional {@code _meta}
 */
public record CancelledParams(RequestId requestId, String reason, @JsonProperty("_meta") ObjectNode meta)
        implements Params {

    /** Cancellation of {@code requestId}. */
    public static CancelledParams of(RequestId requestId, String reason) {
        return new CancelledParams(requestId, reason, null);
    }
}
