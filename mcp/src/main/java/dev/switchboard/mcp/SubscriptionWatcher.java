package dev.switchboard.mcp;

/**
 * Told of the session era's {@code resources/subscribe} and {@code resources/unsubscribe}, for
 * servers whose resources live elsewhere (the agents gateway forwards a subscription to the
 * server that sends the updates, then calls {@link McpServer#resourceUpdated} for each one).
 * Register it with {@link McpServer#watchSubscriptions}.
 *
 * <p>It also hears the stateless era's {@code subscriptions/listen} streams: each stream is a
 * subscriber of its own, with an id {@code listen/N} that no session has, told of every URI of
 * its {@code resourceSubscriptions} when it opens (on a virtual thread, before the stream is
 * acknowledged; a URI refused here is left out of the acknowledged filter) and unsubscribed from
 * each when it ends.
 */
public interface SubscriptionWatcher {
    /** Watches nothing. */
    SubscriptionWatcher NONE = new SubscriptionWatcher() {
        @Override
        public void subscribing(String sessionId, String uri, boolean served) {
        }

        @Override
        public void unsubscribed(String sessionId, String uri) {
        }
    };

    /**
     * Session {@code sessionId} asks to subscribe to {@code uri}, before the server records it.
     *
     * @param served whether a resource or resource template of the server matches {@code uri}
     * @throws McpException to refuse the subscription; the client gets the error and nothing is recorded
     */
    void subscribing(String sessionId, String uri, boolean served);

    /** Session {@code sessionId} no longer subscribes to {@code uri}: it unsubscribed, the session ended, or the listen stream ended. */
    void unsubscribed(String sessionId, String uri);
}
