package dev.switchboard.kernel;

/**
 * Receives events from the {@link EventBus}, one at a time per subscription, in publish order,
 * on the subscription's own virtual thread. A throw counts as a failed attempt.
 */
@FunctionalInterface
public interface Subscriber {
    void onMessage(Message message) throws Exception;
}
