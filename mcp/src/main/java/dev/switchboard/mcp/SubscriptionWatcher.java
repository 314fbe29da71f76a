package dev.switchboard.mcp;

/**
 * Told of the session era's {@code resources/subscribe} and {@code resources/unsubscribe}, for
 * servers whose resources live elsewhere (the agents gateway forwards a subscription to the
 * server that sends the updates, then calls {@link McpServer#resourceUpdated} for each one).
 * Register it with {@link McpServer#watchSubscriptions}.
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

    /** Session {@code sessionId} no longer subscribes to {@code uri}: it unsubscribed, or the session ended. */
    void unsubscribed(String sessionId, String uri);
}
