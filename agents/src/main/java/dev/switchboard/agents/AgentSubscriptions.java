package dev.switchboard.agents;

import dev.switchboard.client.McpClientException;
import dev.switchboard.mcp.McpException;
import dev.switchboard.mcp.SubscriptionWatcher;
import dev.switchboard.mcp.protocol.JsonRpc;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/*
 * Clients' resource subscriptions on agents' resources. Why one subscription per URI on one
 * member: an agent sends notifications/resources/updated on the session that subscribed, so the
 * gateway subscribes once, on one member it keeps (pinned) for that URI while any client session
 * subscribes, and hands each update to the server, which sends it to exactly the sessions that
 * subscribed. Resource URIs are the agents' own (the gateway prefixes only their names), so an
 * update's URI is already the one clients subscribed to. When the pinned member is lost, the
 * subscription moves to another member of the agent.
 */
final class AgentSubscriptions implements SubscriptionWatcher {
    private static final System.Logger LOG = System.getLogger(AgentSubscriptions.class.getName());
    /** The 2025-11-25 error code for an unknown resource. */
    static final int RESOURCE_NOT_FOUND = -32002;

    /** One URI subscribed on an agent: the member holding it and the client sessions that asked. */
    private static final class Held {
        final AgentPool pool;
        final Set<String> sessions = new HashSet<>();
        Member member;
        boolean gone;

        Held(AgentPool pool) {
            this.pool = pool;
        }
    }

    private final Map<String, Held> byUri = new ConcurrentHashMap<>();
    private final Function<String, AgentPool> owner;
    private final Consumer<String> updated;
    private final Set<String> agents;

    /**
     * @param owner   the pool of the agent serving a URI, or null
     * @param updated tells the server's subscribed sessions that a URI changed
     */
    AgentSubscriptions(Function<String, AgentPool> owner, Consumer<String> updated, Set<String> agents) {
        this.owner = owner;
        this.updated = updated;
        this.agents = agents;
    }

    @Override
    public void subscribing(String sessionId, String uri, boolean served) {
        AgentPool pool = owner.apply(uri);
        if (pool == null) {
            if (served) return; // the server's own resource: nothing to forward
            throw new McpException(RESOURCE_NOT_FOUND, "Resource not found: cannot subscribe to '" + uri + "': no agent of this gateway "
                    + agents + " serves it, and the server has no such resource");
        }
        while (true) {
            Held h = byUri.computeIfAbsent(uri, u -> new Held(pool));
            synchronized (h) {
                if (h.gone) continue; // its last session left meanwhile: start afresh
                try {
                    if (h.member == null || h.member.dead()) h.member = subscribeOn(h.pool, uri, Set.of());
                } catch (RuntimeException e) {
                    if (h.sessions.isEmpty()) {
                        h.gone = true;
                        byUri.remove(uri, h);
                    }
                    throw e;
                }
                h.sessions.add(sessionId);
                return;
            }
        }
    }

    @Override
    public void unsubscribed(String sessionId, String uri) {
        Held h = byUri.get(uri);
        if (h == null) return;
        Member m;
        synchronized (h) {
            if (!h.sessions.remove(sessionId) || !h.sessions.isEmpty()) return;
            h.gone = true;
            byUri.remove(uri, h);
            m = h.member;
            h.member = null;
        }
        if (m == null) return;
        m.subscriptions.decrementAndGet();
        if (m.dead()) return;
        // off the caller's thread: a session ending must not wait for an agent
        Thread.ofVirtual().name("agent-" + m.agent + "-unsubscribe").start(() -> {
            try {
                m.client.unsubscribe(uri);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "agent {0}: unsubscribe from {1} failed: {2}", m.agent, uri, AgentPool.describe(e));
            }
        });
    }

    /** An agent's notifications/resources/updated from {@code member}: told to the server when the member holds a subscription for it. */
    void updated(Member member, String uri) {
        Held h = byUri.get(uri);
        if (h != null ? h.member == member : member.subscriptions.get() > 0) updated.accept(uri); // a sub-resource of one subscribed
    }

    /** A member was lost: its subscriptions move to another member of its agent. */
    void lost(Member member) {
        for (Map.Entry<String, Held> e : byUri.entrySet()) {
            Held h = e.getValue();
            if (h.member != member) continue;
            Thread.ofVirtual().name("agent-" + member.agent + "-resubscribe").start(() -> {
                synchronized (h) {
                    if (h.gone || h.member != member) return;
                    h.member = null;
                    try {
                        h.member = subscribeOn(h.pool, e.getKey(), Set.of(member));
                    } catch (RuntimeException ex) {
                        LOG.log(System.Logger.Level.WARNING, "agent {0}: could not move the subscription to {1} after member {2} was lost: {3}"
                                + "; it is made again at the next resources/subscribe", member.agent, e.getKey(), member.id, AgentPool.describe(ex));
                    }
                }
            });
        }
    }

    /** The member holding the subscription to {@code uri}, or null (tests). */
    Member holder(String uri) {
        Held h = byUri.get(uri);
        return h == null ? null : h.member;
    }

    private static Member subscribeOn(AgentPool pool, String uri, Set<Member> exclude) {
        String agent = pool.spec.name();
        Member m;
        try {
            m = pool.acquire(null, pool.spec.priority(), exclude);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpException(JsonRpc.INTERNAL_ERROR, "interrupted while subscribing to '" + uri + "' on agent '" + agent + "'");
        }
        try {
            var caps = m.initialized.capabilities();
            if (caps == null || caps.resources() == null || !Boolean.TRUE.equals(caps.resources().subscribe()))
                throw new McpException(JsonRpc.METHOD_NOT_FOUND, "cannot subscribe to '" + uri + "': agent '" + agent
                        + "' does not offer resource subscriptions (its resources capability has no subscribe)");
            m.client.subscribe(uri);
            m.subscriptions.incrementAndGet();
            return m;
        } catch (McpClientException e) {
            throw new McpException(AgentErrors.MEMBER_LOST, "agent '" + agent + "' failed resources/subscribe '" + uri + "': " + AgentPool.describe(e));
        } finally {
            pool.release(m);
        }
    }

    private static final Map<String, Pattern> TEMPLATES = new ConcurrentHashMap<>();

    /** Whether {@code uri} matches the RFC 6570 {@code template} (simple and reserved expansion; query expressions optional). */
    static boolean matches(String template, String uri) {
        return TEMPLATES.computeIfAbsent(template, AgentSubscriptions::compile).matcher(uri).matches();
    }

    private static Pattern compile(String template) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            int close = open < 0 ? -1 : template.indexOf('}', open);
            if (open < 0 || close < 0) {
                regex.append(Pattern.quote(template.substring(i)));
                break;
            }
            if (open > i) regex.append(Pattern.quote(template.substring(i, open)));
            char op = close > open + 1 ? template.charAt(open + 1) : ' ';
            regex.append(switch (op) {
                case '+', '#' -> ".*";
                case '?', '&' -> "(?:[?&].*)?";
                default -> "[^/?#]*";
            });
            i = close + 1;
        }
        return Pattern.compile(regex.toString());
    }
}
