package dev.switchboard.kernel;

/**
 * A mailbox's counters at one moment.
 *
 * @param enqueued   items accepted into the mailbox
 * @param dequeued   items taken out by polls and drains
 * @param dropped    items the policy dropped (newcomers and evicted ones)
 * @param fullEvents offers that found the mailbox full
 * @param errors     offers refused back to the caller (reject, block timeout)
 * @param depth      items queued now
 */
public record MailboxStats(long enqueued, long dequeued, long dropped, long fullEvents, long errors, int depth) {}
