package dev.switchboard.agents;

import java.util.concurrent.locks.Condition;

/*
 * A call waiting for a pool member, ordered by priority (higher first) and then arrival. The pool
 * hands it a member (or a refusal) under its lock and signals its own condition, so a freed slot
 * wakes exactly one waiter instead of all of them.
 */
final class WaitingCall implements Comparable<WaitingCall> {
    final int priority;
    final long seq;
    final Member pinned;
    final Condition wakeUp;
    Member assigned;
    String refused;

    WaitingCall(int priority, long seq, Member pinned, Condition wakeUp) {
        this.priority = priority;
        this.seq = seq;
        this.pinned = pinned;
        this.wakeUp = wakeUp;
    }

    @Override
    public int compareTo(WaitingCall o) {
        int byPriority = Integer.compare(o.priority, priority);
        return byPriority != 0 ? byPriority : Long.compare(seq, o.seq);
    }
}
