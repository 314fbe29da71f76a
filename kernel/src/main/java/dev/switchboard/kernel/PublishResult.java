package dev.switchboard.kernel;

/**
 * What a publish did.
 *
 * @param messageId    the message's id; for a duplicate, the id of the first message with that correlation id
 * @param duplicate    the correlation id was seen inside the idempotency window, so nothing was delivered
 * @param deliveries   subscriptions the message was handed to (0 when none matched: it was dead-lettered)
 * @param refused      the kernel was over its in-flight limit, so nothing was accepted; retry later
 * @param backpressure the kernel is above its watermark: slow down
 */
public record PublishResult(long messageId, boolean duplicate, int deliveries, boolean refused, boolean backpressure) {}
