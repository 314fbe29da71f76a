package dev.switchboard.agents;

import dev.switchboard.mcp.Context;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.codec.RawResult;
import dev.switchboard.mcp.protocol.ProgressParams;
import dev.switchboard.mcp.protocol.Prompts;
import dev.switchboard.mcp.protocol.Resources;
import dev.switchboard.mcp.protocol.Tools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Serves other MCP servers ("agents") through one {@link McpServer}: each agent's tools, prompts,
 * resources and resource templates appear on the server, tool and prompt names prefixed with the
 * agent's name and {@link AgentsSettings#separator()}; each call goes to a member of the agent's
 * pool, with failover for calls that are safe to repeat.
 *
 * <pre>{@code
 * McpServer server = McpServer.builder("gateway", "1.0").build();
 * try (Gateway gateway = Gateway.start(server, AgentsFile.read(path, settings).agents(), settings)) {
 *     server.serve(Transport.http(8080));
 * }
 * }</pre>
 *
 * <p>Name collisions are resolved the same way whatever order agents start in: a tool of the
 * server itself keeps its name, and between agents the one whose name sorts first keeps it; every
 * collision is logged and listed by {@link #collisions()}.
 */
public final class Gateway implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

    /** What the gateway registered under one exposed name: which agent, and its own name for it. */
    private record Owner(String agent, Object definition) {}

    private final McpServer server;
    private final AgentsSettings settings;
    private final Map<String, AgentPool> pools = new LinkedHashMap<>();
    private final Map<String, Owner> tools = new LinkedHashMap<>();
    private final Map<String, Owner> prompts = new LinkedHashMap<>();
    private final Map<String, Owner> resources = new LinkedHashMap<>();
    private final List<String> collisions = new CopyOnWriteArrayList<>();
    private AgentSubscriptions subscriptions;
    /** Where finished agent tool calls are remembered, or null. */
    private volatile PatternMemory patterns;
    /** Sends the first tools/call of each agent through the server's own path before clients come. */
    private final CallPathWarmUp warmUp;
    /** Agents whose call path was warmed, with the exposed tool it was warmed with. */
    private final Map<String, WarmUpCall> warmedAgents = new java.util.concurrent.ConcurrentHashMap<>();
    /** Held by an agent's warm-up while it runs. */
    private final Map<String, Object> warmUpLocks = new java.util.concurrent.ConcurrentHashMap<>();
    /** Where the server listens over Streamable HTTP, once told ({@link #servedAt}). */
    private volatile java.net.URI endpoint;
    /** When each agent's catalogue was first registered on the server, and whether it had tools (nanoTime, sign: none yet). */
    private final Map<String, Long> registered = new java.util.concurrent.ConcurrentHashMap<>();
    /** How long recovery waits for an agent that listed no tool to list some (server-everything adds its tools after initialize). */
    private static final long EMPTY_CATALOGUE_GRACE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(3);

    private Gateway(McpServer server, AgentsSettings settings) {
        this.server = server;
        this.settings = settings;
        this.warmUp = new CallPathWarmUp(server);
    }

    /** Starts a pool per agent (in the background: a slow or failing agent does not hold up the others) and registers what each offers as it comes up. */
    public static Gateway start(McpServer server, List<AgentSpec> agents, AgentsSettings settings) {
        Gateway gateway = new Gateway(Objects.requireNonNull(server, "server"), Objects.requireNonNull(settings, "settings"));
        var autotune = server.kernel().config().autotune(); // performance.autotune: each agent's concurrency adapts too
        for (AgentSpec spec : agents) {
            AgentPool pool = new AgentPool(spec, settings, autotune, gateway::catalogueChanged);
            pool.callPathWarm = false; // not ready until the server's own call path ran once (see CallPathWarmUp)
            gateway.pools.put(spec.name(), pool);
        }
        gateway.subscriptions = new AgentSubscriptions(gateway::resourceOwner, server::resourceUpdated,
                java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(gateway.pools.keySet())));
        for (AgentPool p : gateway.pools.values()) {
            p.onResourceUpdated = gateway.subscriptions::updated;
            p.onLost = gateway.subscriptions::lost;
        }
        server.watchSubscriptions(gateway.subscriptions);
        server.onSessionEnded(session -> gateway.pools.values().forEach(p -> p.forget(session))); // its member pins go with it
        server.explainUnknownTools(gateway::notYetServed);
        if (server.taskEngine().isPresent()) Thread.ofVirtual().name("gateway-task-recovery").start(gateway::recoverTasks);
        gateway.pools.values().forEach(AgentPool::start);
        return gateway;
    }

    /**
     * The error for a call of a tool no one serves whose name is an agent's prefix while that agent's
     * tools are not registered: it has not started (why, from its last attempt) or is still
     * starting. Else null, and the caller gets "Unknown tool". Why: an agent's tools exist only once
     * one of its members listed them, so a client calling a tool of an agent whose command failed
     * got "Unknown tool", which named neither the agent nor the failure that /ready shows.
     */
    private dev.switchboard.mcp.protocol.JsonRpc.Error notYetServed(String tool) {
        for (AgentPool pool : pools.values()) {
            String agent = pool.spec.name();
            if (!tool.startsWith(exposed(agent, "")) || !pool.catalogue().tools().isEmpty()) continue;
            String failure = pool.failure();
            return dev.switchboard.mcp.protocol.JsonRpc.Error.of(AgentErrors.UNAVAILABLE, "Tool '" + tool + "' is not served yet: agent '" + agent + "' "
                    + (failure != null ? "cannot start: " + failure + "; it is retried with backoff (see /ready)" : "is starting; its tools are served once it has listed them"));
        }
        return null;
    }

    /** Waits until every agent has a member or has failed to start at least once; true when all have a member. */
    public boolean awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (pools.values().stream().allMatch(p -> p.ready() || p.failure() != null)) break;
            Thread.sleep(20);
        }
        return pools.values().stream().allMatch(AgentPool::ready);
    }

    /**
     * Resumes the tasks a previous run left live once every agent registered its tools or failed
     * to start (bounded by the start timeout): an agent tool's task is re-run when the tool is safe
     * to repeat, else failed with a message naming the agent and why.
     */
    private void recoverTasks() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(settings.startTimeoutMs());
        try {
            while (System.nanoTime() < deadline && !pools.values().stream().allMatch(p -> p.failure() != null || toolsKnown(p.spec.name())))
                Thread.sleep(20);
        } catch (InterruptedException e) {
            return;
        }
        int rerun = server.recoverTasks();
        LOG.log(System.Logger.Level.INFO, "gateway: tasks of a previous run resumed, {0} re-run", rerun);
    }

    /** Whether the agent registered its tools: a catalogue with tools, or an empty one that stayed empty for a grace period. */
    private boolean toolsKnown(String agent) {
        Long since = registered.get(agent);
        return since != null && (since == 0L || System.nanoTime() - since > EMPTY_CATALOGUE_GRACE_NANOS);
    }

    /** Each agent's state now, in configuration order. */
    public List<AgentStatus> status() {
        List<AgentStatus> out = new ArrayList<>();
        for (AgentPool p : pools.values()) out.add(AgentStatus.of(p));
        return out;
    }

    /** Each agent's members now, agents in configuration order and members in the pool's order. */
    public List<MemberStatus> memberStatus() {
        List<MemberStatus> out = new ArrayList<>();
        for (AgentPool p : pools.values()) for (Member m : p.snapshot()) out.add(MemberStatus.of(m));
        return out;
    }

    /** Every name collision met so far, e.g. "tool 'a_b_c' of agent 'a_b' collides with agent 'a' (kept)". */
    public List<String> collisions() {
        return List.copyOf(collisions);
    }

    /** Each agent's adaptive concurrency limit by agent name; empty unless {@code performance.autotune} is on. */
    public Map<String, dev.switchboard.kernel.AdaptiveLimit> adaptiveLimits() {
        Map<String, dev.switchboard.kernel.AdaptiveLimit> out = new LinkedHashMap<>();
        pools.forEach((name, p) -> {
            if (p.adaptive != null) out.put(name, p.adaptive);
        });
        return out;
    }

    /** How many start-up warm-up calls reached an agent tool's handler (tests). */
    int warmUpCallsHandled() {
        return warmUp.reached();
    }

    /** The pool of agent {@code name}, or null (tests, benchmark). */
    AgentPool pool(String name) {
        return pools.get(name);
    }

    /** Client resource subscriptions forwarded to agents (tests). */
    AgentSubscriptions subscriptions() {
        return subscriptions;
    }

    /** The pool of the agent whose resource (or resource template) serves {@code uri}, or null. */
    private synchronized AgentPool resourceOwner(String uri) {
        Owner exact = resources.get(uri);
        if (exact != null && exact.definition() instanceof Resources.Resource) return pools.get(exact.agent());
        for (Map.Entry<String, Owner> e : resources.entrySet())
            if (e.getValue().definition() instanceof Resources.ResourceTemplate && AgentSubscriptions.matches(e.getKey(), uri))
                return pools.get(e.getValue().agent());
        return null;
    }

    // ---- registration

    /** An agent's catalogue arrived or changed: registered on the server, then, the first time, the call path warmed. */
    private void catalogueChanged(AgentPool pool) {
        register(pool);
        synchronized (warmUpLocks.computeIfAbsent(pool.spec.name(), a -> new Object())) { // one warm-up per agent: a listing after list_changed may come meanwhile
            if (!warmedAgents.containsKey(pool.spec.name())) warmCallPath(pool);
            // ready once its calls also went through the transport, when there is one (servedAt finishes the others)
            pool.callPathWarm = endpoint == null || warmedOverHttp.contains(pool.spec.name());
        }
    }

    /** Agents whose call path was also warmed through the server's HTTP endpoint. */
    private final java.util.Set<String> warmedOverHttp = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Sends warm-up calls through the server's path with one of the agent's tools as exposed, with
     * arguments made up to pass its input schema: tools without an output schema first (their
     * result goes back unread, as most do), trying the next when the server's checks stop the
     * calls before the handler, up to {@link #WARM_UP_CANDIDATES} tools.
     */
    private void warmCallPath(AgentPool pool) {
        List<Tools.Tool> offered = new ArrayList<>(pool.catalogue().tools());
        offered.sort(Comparator.comparing(t -> t.outputSchema() != null)); // stable: catalogue order otherwise
        long start = System.nanoTime();
        int tried = 0;
        for (Tools.Tool t : offered) {
            String tool = exposed(pool.spec.name(), t.name());
            synchronized (this) {
                Owner owner = tools.get(tool);
                if (owner == null || !owner.agent().equals(pool.spec.name())) continue; // lost a collision: another's handler answers that name
            }
            if (tried++ == WARM_UP_CANDIDATES) break;
            tools.jackson.databind.node.ObjectNode args = SampleArguments.forSchema(t.inputSchema());
            int reachedBefore = warmUp.reached();
            int answered = warmUp.run(tool, args, WARM_UP_ROUNDS, settings.startTimeoutMs());
            if (warmUp.reached() == reachedBefore) continue; // the server refused the made-up arguments: another tool
            WarmUpCall call = new WarmUpCall(tool, args);
            warmedAgents.put(pool.spec.name(), call);
            java.net.URI at = endpoint;
            HttpWarmUp overHttp = at == null ? new HttpWarmUp(0, 0) : warmOverHttp(pool.spec.name(), at, call);
            LOG.log(System.Logger.Level.INFO, "agent {0}: the call path warmed with {1}: {2} answered calls, {3} ms (of which {4} ms waiting for the JIT)",
                    pool.spec.name(), tool, answered + overHttp.answered(), (System.nanoTime() - start) / 1_000_000, overHttp.jitWaitMs());
            return;
        }
        LOG.log(System.Logger.Level.DEBUG, "agent {0}: no tool of its took made-up arguments; the call path is not warmed", pool.spec.name());
    }

    /** The tool (as exposed) and arguments an agent's call path was warmed with. */
    private record WarmUpCall(String tool, tools.jackson.databind.node.ObjectNode arguments) {}

    /** How many of an agent's tools the warm-up tries before it gives up. */
    private static final int WARM_UP_CANDIDATES = 5;

    /**
     * Tells the gateway where its server listens over Streamable HTTP (plain {@code http://}):
     * the start-up warm-up then also sends its calls through that endpoint, so the transport's own
     * first requests are not a client's. Every agent is warmed over it before it is ready: those
     * registered later as they come, those already registered now (they are not ready meanwhile).
     * Those were ready before this, and the bench's first call then met their warm-up still
     * running and the JIT compiling what it ran (8-12 ms of compiler CPU in a 12-15 ms first call).
     */
    public void servedAt(java.net.URI endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        for (String agent : List.copyOf(warmedAgents.keySet())) {
            AgentPool pool = pools.get(agent);
            Object lock = warmUpLocks.computeIfAbsent(agent, a -> new Object());
            // under the agent's warm-up lock: catalogueChanged, finishing as the endpoint came, may have just said ready
            // (it read no endpoint); unlocked, its stale "ready" could land after this and stand while the warm-up ran
            synchronized (lock) {
                if (!warmedOverHttp.contains(agent)) pool.callPathWarm = false;
            }
            Thread.ofVirtual().name("gateway-warm-up-" + agent).start(() -> {
                synchronized (lock) {
                    if (!warmedOverHttp.contains(agent)) warmOverHttp(agent, endpoint, warmedAgents.get(agent));
                    pool.callPathWarm = true;
                }
            });
        }
    }

    /** The warm-up through the server's HTTP endpoint, then the wait for the JIT to finish what it queued; under the agent's warm-up lock. */
    private HttpWarmUp warmOverHttp(String agent, java.net.URI at, WarmUpCall call) {
        int answered = warmUp.overHttp(at, call.tool(), call.arguments(), WARM_UP_BUDGET_NANOS);
        long jitWaitMs = CallPathWarmUp.awaitCompilerQuiet(COMPILER_QUIET_MAX_MS);
        warmedOverHttp.add(agent);
        return new HttpWarmUp(answered, jitWaitMs);
    }

    private record HttpWarmUp(int answered, long jitWaitMs) {}

    /** Warm-up calls per era in the server itself: the first loads and links the path, the next ones run it once it is linked. */
    private static final int WARM_UP_ROUNDS = 3;
    /**
     * The most the warm-up over HTTP (both eras) may take per agent; it stops earlier once per-call
     * time settles ({@link WarmUpBudget}). The agent is not ready (nor {@code /ready}) meanwhile.
     */
    private static final long WARM_UP_BUDGET_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1_500);
    /** The most the warm-up then waits for the JIT to finish what it queued. */
    private static final long COMPILER_QUIET_MAX_MS = 500;

    private synchronized void register(AgentPool pool) {
        String agent = pool.spec.name();
        AgentCatalogue c = pool.catalogue();
        Map<String, Tools.Tool> wantedTools = new LinkedHashMap<>();
        for (Tools.Tool t : c.tools()) wantedTools.put(exposed(agent, t.name()), t);
        sync(agent, "tool", tools, wantedTools, server::removeTool, t -> server.tool(exposed(agent, t.name())) != null,
                (name, t) -> {
                    // with a task store, any agent tool may be called as a durable task whose work is the agent call
                    boolean tasks = server.taskEngine().isPresent();
                    Forwarded forwarded = new Forwarded(t.name(), "tools/call '" + t.name() + "'", safe(t)); // once, not per call
                    // before the tool is served, so the first task of it is already stored as retry-safe or not: a survivor node
                    // (cluster) or the next run (restart) re-runs it, or ends it naming the agent and why
                    if (tasks) server.taskRerun(name, safe(t) || pool.spec.retry(), "agent '" + agent + "': tools/call '" + t.name()
                            + "' not re-run because the tool is not marked idempotentHint or readOnlyHint"
                            + " and the agent's retry is off, so it may have done part of its work");
                    server.addTool(new Tools.Tool(name, t.title(), t.description(), t.inputSchema(), t.outputSchema(), t.annotations(),
                            tasks ? new Tools.ToolExecution("optional") : null, t.icons(), t.meta()),
                            (args, ctx) -> callTool(pool, forwarded, args, ctx, patterns, warmUp.isWarmUp(ctx)));
                });
        Map<String, Prompts.Prompt> wantedPrompts = new LinkedHashMap<>();
        for (Prompts.Prompt p : c.prompts()) wantedPrompts.put(exposed(agent, p.name()), p);
        sync(agent, "prompt", prompts, wantedPrompts, server::removePrompt, p -> false,
                (name, p) -> server.addPrompt(new Prompts.Prompt(name, p.title(), p.description(), p.arguments(), p.icons(), p.meta()),
                        (args, ctx) -> AgentCall.run(pool, ctx, "prompts/get '" + p.name() + "'", true, m -> m.client.getPrompt(p.name(), args))));
        // resource URIs are the agent's own (a client reads them back as given); only their display names are prefixed
        Map<String, Object> wantedResources = new LinkedHashMap<>();
        for (Resources.Resource r : c.resources()) wantedResources.put(r.uri(), r);
        for (Resources.ResourceTemplate t : c.templates()) wantedResources.put(t.uriTemplate(), t);
        sync(agent, "resource", resources, wantedResources, server::removeResource, r -> false, (uri, r) -> {
            dev.switchboard.mcp.ResourceReader reader = (u, vars, ctx) ->
                    AgentCall.run(pool, ctx, "resources/read '" + u + "'", true, m -> m.client.readResource(u));
            if (r instanceof Resources.Resource res)
                server.addResource(new Resources.Resource(res.uri(), exposed(agent, res.name()), res.title(), res.description(), res.mimeType(),
                        res.annotations(), res.size(), res.icons(), res.meta()), reader);
            else if (r instanceof Resources.ResourceTemplate t)
                server.addResourceTemplate(new Resources.ResourceTemplate(t.uriTemplate(), exposed(agent, t.name()), t.title(), t.description(),
                        t.mimeType(), t.annotations(), t.icons(), t.meta()), reader);
        });
        if (!c.tools().isEmpty()) registered.put(agent, 0L);
        else registered.putIfAbsent(agent, System.nanoTime());
        LOG.log(System.Logger.Level.INFO, "agent {0}: {1} tools, {2} prompts, {3} resources and templates", agent, c.tools().size(),
                c.prompts().size(), c.resources().size() + c.templates().size());
    }

    /** Brings the names {@code agent} owns in {@code owned} to {@code wanted}, resolving collisions by agent name order. */
    private <T> void sync(String agent, String kind, Map<String, Owner> owned, Map<String, T> wanted, Consumer<String> remove,
                          java.util.function.Predicate<T> takenByServer, Registration<T> add) {
        for (var it = owned.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().agent().equals(agent) && !wanted.containsKey(e.getKey())) {
                remove.accept(e.getKey());
                it.remove();
            }
        }
        for (Map.Entry<String, T> e : wanted.entrySet()) {
            String name = e.getKey();
            Owner owner = owned.get(name);
            if (owner != null && !owner.agent().equals(agent)) {
                boolean wins = Comparator.<String>naturalOrder().compare(agent, owner.agent()) < 0;
                collision(kind + " '" + name + "' of agents '" + agent + "' and '" + owner.agent() + "': kept agent '"
                        + (wins ? agent : owner.agent()) + "' (the first by name)");
                if (!wins) continue;
                remove.accept(name);
            } else if (owner == null && takenByServer.test(e.getValue())) {
                collision(kind + " '" + name + "' of agent '" + agent + "' collides with the server's own " + kind + "; the server's is kept");
                continue;
            } else if (owner != null) {
                if (owner.definition().equals(e.getValue())) continue; // unchanged: nothing to tell clients
                remove.accept(name); // the agent's own entry, re-registered with its new definition
            }
            try {
                add.register(name, e.getValue());
                owned.put(name, new Owner(agent, e.getValue()));
            } catch (RuntimeException ex) {
                owned.remove(name);
                collision(kind + " '" + name + "' of agent '" + agent + "' cannot be served: " + AgentPool.describe(ex));
            }
        }
    }

    @FunctionalInterface
    private interface Registration<T> {
        void register(String exposedName, T definition);
    }

    private void collision(String what) {
        if (collisions.contains(what)) return;
        collisions.add(what);
        LOG.log(System.Logger.Level.WARNING, "gateway: {0}", what);
    }

    private String exposed(String agent, String name) {
        return agent + settings.separator() + name;
    }

    /** Whether running the tool twice does no harm, by its annotations. */
    private static boolean safe(Tools.Tool tool) {
        Tools.ToolAnnotations a = tool.annotations();
        return a != null && (Boolean.TRUE.equals(a.readOnlyHint()) || Boolean.TRUE.equals(a.idempotentHint()));
    }

    /** An agent's tool as the gateway forwards it: its own name, how errors name the call, whether it may be retried. */
    private record Forwarded(String name, String what, boolean safe) {}

    /**
     * Forwards a call: the agent's result comes back as its JSON text ({@link RawResult}) and goes
     * to the client as it is, with no record built or encoded in between (the server reads it only
     * when the tool has an output schema to check). Its JSON was checked as it was read.
     *
     * <p>A warm-up call ({@link CallPathWarmUp}) takes this same code, down to the same {@code work}
     * lambda, and only there asks the member for {@code ping} instead of the tool: the agent runs
     * nothing, and its {@code {}} travels back as the call's result. Why the same lambda: when the
     * warm-up had a lambda of its own, the client's first call loaded the real one's class, which
     * broke the JIT's single-implementor inlining of {@code Work.run} in {@link AgentCall#run}: that
     * method was thrown out ("marked for deoptimization", in -Xlog:deoptimization) and the first
     * call ran it, and the forwarding it does, interpreted. Why ping: an unknown tool's error answer
     * takes other paths (the member client's error branch, the breaker's, the server's error
     * response), measured as 9 classes first loaded during a fresh gateway's first real call.
     */
    private static Object callTool(AgentPool pool, Forwarded tool, tools.jackson.databind.node.ObjectNode args, Context ctx,
                                   PatternMemory patterns, boolean warmUp) throws Exception {
        Consumer<ProgressParams> progress = ctx.progressToken() == null ? null
                : p -> ctx.progress(p.progress() == null ? 0 : p.progress(), p.total(), p.message());
        AgentCall.Work work = m -> warmUp
                ? m.client.request(dev.switchboard.mcp.protocol.McpMethods.PING, dev.switchboard.mcp.protocol.Params.Empty.INSTANCE, RawResult.class)
                : m.client.callTool(tool.name(), args, progress, RawResult.class);
        if (patterns == null || warmUp) return AgentCall.run(pool, ctx, tool.what(), tool.safe() || warmUp, work);
        long start = System.nanoTime();
        boolean succeeded = false;
        try {
            RawResult r = (RawResult) AgentCall.run(pool, ctx, tool.what(), tool.safe(), work);
            succeeded = !ResultFlags.isError(r);
            return r;
        } finally {
            patterns.record(new PatternRecord(tool.name(), args == null ? "" : args.toString(), pool.spec.name(), succeeded,
                    (System.nanoTime() - start) / 1_000, null));
        }
    }

    /**
     * Remembers every finished agent tool call from now on (the tool as the agent names it, its
     * arguments, the agent, success), so that {@link FindTools#rankBy} and schedulers can prefer the
     * agent that succeeded on similar work.
     */
    public void remember(PatternMemory memory) {
        this.patterns = memory;
    }

    /** The agent serving tool {@code exposedName} (as clients call it), if an agent does. */
    public synchronized java.util.Optional<String> agentOf(String exposedName) {
        Owner o = tools.get(exposedName);
        return java.util.Optional.ofNullable(o == null ? null : o.agent());
    }

    /** Closes every pool: members' processes end and their sessions close. The server's registrations stay. */
    @Override
    public void close() {
        pools.values().forEach(AgentPool::close);
    }
}
