package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.StatelessEra;
import dev.switchboard.mcp.protocol.JsonRpc;
import dev.switchboard.mcp.protocol.TaskMessages;
import dev.switchboard.mcp.codec.Decoded;
import dev.switchboard.mcp.codec.JsonRpcCodec;
import dev.switchboard.mcp.protocol.Tools;
import dev.switchboard.mcp.spi.Exchange;
import dev.switchboard.tasks.TaskEngine;
import dev.switchboard.tasks.TaskFailure;
import dev.switchboard.tasks.TaskLimits;
import dev.switchboard.tasks.TaskRecord;
import dev.switchboard.tasks.TaskRejected;
import dev.switchboard.tasks.TaskRun;
import dev.switchboard.tasks.TaskStore;
import dev.switchboard.tasks.TaskTool;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/*
 * MCP Tasks on the task engine, both eras. The Dispatcher hands over three things: a tools/call of
 * a task-supporting tool (call: the work it submits through the kernel like any call), the task
 * methods of a session (TaskSessionMethods) and those of a stateless request (stateless). All of it
 * runs on virtual threads: a create waits for an fsync and the event loop must never wait.
 *
 * Who sees a task: in a session, that session ("session:<id>"); in the stateless era there is no
 * session, so the 128-bit task id is the bearer capability (the extension allows exactly this).
 * A tool is retry-safe when its annotations say idempotentHint: true.
 */
final class TaskProtocol implements AutoCloseable {
    static final Set<String> STATELESS_METHODS = Set.of(TaskMessages.GET, TaskMessages.UPDATE, TaskMessages.CANCEL);
    static final Set<String> SESSION_METHODS = Set.of(TaskMessages.GET, TaskMessages.RESULT, TaskMessages.LIST, TaskMessages.CANCEL);
    static final String STATELESS_OWNER = "";
    /** The owner prefix of a stateless-era task created by an authenticated principal. */
    static final String PRINCIPAL_OWNER = "principal:";
    private static final String SESSION_OWNER = "session:";

    private final TaskStore store;
    private final TaskEngine engine;
    private final Registry registry;
    private final JsonRpcCodec codec;
    private final McpSettings settings;
    private final Map<String, BeforeTask> beforeTask;
    final TaskWire wire;
    private final TaskSessionMethods sessionMethods;
    private final TenantTasks tenantTasks;
    /** Restart rules set at run time for tools whose safety their annotations do not tell (a gateway's agent tools). */
    private final Map<String, Rerun> reruns = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean recovered = new java.util.concurrent.atomic.AtomicBoolean();

    private record Rerun(boolean safe, String notRetried) {}

    TaskProtocol(TaskStore store, TaskLimits limits, Registry registry, JsonRpcCodec codec, McpSettings settings,
                 Map<String, BeforeTask> beforeTask) {
        this(store, limits, registry, codec, settings, beforeTask, Budgets.none(), true);
    }

    /** {@code takeWorkNow} false: a shared store's queue is served only from {@link #recover()}, once the tools are registered. */
    TaskProtocol(TaskStore store, TaskLimits limits, Registry registry, JsonRpcCodec codec, McpSettings settings,
                 Map<String, BeforeTask> beforeTask, Budgets budgets, boolean takeWorkNow) {
        this.store = store;
        this.beforeTask = Map.copyOf(beforeTask);
        this.registry = registry;
        this.codec = codec;
        this.settings = settings;
        this.wire = new TaskWire(codec.mapper());
        this.engine = new TaskEngine(store, limits, this::taskTool, System::currentTimeMillis, takeWorkNow);
        this.sessionMethods = new TaskSessionMethods(this, engine, codec, settings.clientTimeout());
        this.tenantTasks = new TenantTasks(budgets.tenantMaxTasks(), engine);
    }

    /** What answers a {@code tools/call} as a task, on the call's own thread and context. */
    @FunctionalInterface
    interface TaskCall {
        Object run(RequestContext context) throws Exception;
    }

    /** A 2025-11-25 {@code tasks/get|result|list|cancel} of a session. */
    void session(Session session, Decoded.Request r, Exchange exchange) {
        sessionMethods.handle(session, r, exchange);
    }

    TaskEngine engine() {
        return engine;
    }

    /** Resumes the tasks a previous run left live, once; call when the tools are registered. */
    int recover() {
        return recovered.compareAndSet(false, true) ? engine.recover() : 0;
    }

    /** Whether a live task of {@code tool} is re-run at restart, and else the message it fails with. */
    void rerun(String tool, boolean safe, String notRetried) {
        reruns.put(tool, new Rerun(safe, notRetried));
    }

    static String support(Registry.RegisteredTool tool) {
        Tools.ToolExecution e = tool.definition().execution();
        return e == null || e.taskSupport() == null ? "forbidden" : e.taskSupport();
    }

    private Optional<TaskTool> taskTool(String name) {
        Registry.RegisteredTool tool = registry.tool(name);
        if (tool == null || support(tool).equals("forbidden")) return Optional.empty();
        var hints = tool.definition().annotations();
        Rerun rule = reruns.get(name);
        boolean retrySafe = rule != null ? rule.safe() : hints != null && Boolean.TRUE.equals(hints.idempotentHint());
        return Optional.of(new TaskTool(run -> execute(tool, run), retrySafe, rule == null ? null : rule.notRetried()));
    }

    // The tool's own handler on the task's thread: a thrown McpException is a protocol error (task
    // failed), anything else the tool throws is a tool error (completed, isError), as in a plain call.
    private String execute(Registry.RegisteredTool tool, TaskRun run) throws Exception {
        ObjectNode arguments = (ObjectNode) codec.mapper().readTree(run.argumentsJson());
        String problems = tool.input().problems(arguments);
        Tools.CallToolResult result;
        if (problems != null) {
            result = Tools.CallToolResult.error("Invalid arguments for tool '" + tool.definition().name() + "': " + problems);
        } else {
            try {
                result = ToolResults.from(tool.invoker().invoke(arguments, new TaskContext(run, codec, settings.clientTimeout())), codec.mapper());
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
                if (cause instanceof McpException m) {
                    JsonNode data = m.error().data();
                    throw new TaskFailure(m.error().code(), m.error().message(), data == null ? null : codec.mapper().writeValueAsString(data));
                }
                if (run.isCancelled()) throw new InterruptedException("cancelled");
                String message = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
                result = Tools.CallToolResult.error(message);
            }
        }
        return codec.mapper().writeValueAsString(result);
    }

    /**
     * A {@code tools/call}: the work that answers it as a task (the Dispatcher submits it through
     * the kernel like any call), or null for the plain path. The work runs the tool's
     * {@link BeforeTask} when it has one (its input rounds are the request's own), then stores the
     * task durably and answers the CreateTaskResult of the era.
     *
     * @throws McpException -32601 (2025: task/no-task mismatch) or -32021 (2026: required, undeclared)
     */
    TaskCall call(Session session, Decoded.Request r, Registry.RegisteredTool tool, Tools.CallToolParams p, boolean stateless, Principal principal) {
        String support = support(tool);
        if (stateless) {
            if (support.equals("forbidden")) return null;
            if (!declaresExtension(r.meta())) {
                if (support.equals("required")) throw missingExtension("tool '" + p.name() + "' runs only as a task");
                return null;
            }
        } else {
            boolean asked = p.task() != null;
            if (asked && support.equals("forbidden"))
                throw new McpException(JsonRpc.METHOD_NOT_FOUND, "Method not found: tool '" + p.name() + "' does not support task-augmented calls");
            if (!asked && support.equals("required"))
                throw new McpException(JsonRpc.METHOD_NOT_FOUND, "Method not found: tool '" + p.name() + "' must be called as a task (params.task)");
            if (!asked) return null;
        }
        String owner = stateless ? statelessOwner(principal) : owner(session);
        Long ttl = stateless || !p.task().path("ttl").canConvertToLong() ? null : p.task().path("ttl").asLong();
        BeforeTask before = beforeTask.get(p.name());
        return context -> {
            ObjectNode arguments = p.argumentsOrEmpty().deepCopy();
            if (before != null) {
                ObjectNode gathered = before.gather(arguments, context); // an input round ends the call here, as MRTR
                if (gathered != null) arguments.setAll(gathered);
            }
            String tenant = principal == null ? null : principal.tenant();
            tenantTasks.reserve(tenant, engine.limits().retryAfterMs());
            try {
                TaskRecord t = engine.submit(owner, p.name(), codec.mapper().writeValueAsString(arguments), ttl);
                tenantTasks.created(tenant, t);
                return stateless ? wire.create2026(t) : wire.create2025(t);
            } catch (TaskRejected e) {
                tenantTasks.cancelReservation(tenant);
                throw new McpException(error(e));
            } catch (RuntimeException e) {
                tenantTasks.cancelReservation(tenant);
                throw e;
            }
        };
    }

    /**
     * The owner of a stateless-era task: the principal that created it when the server
     * authenticates (another principal asking for it is told it does not exist), else everyone.
     */
    static String statelessOwner(Principal principal) {
        return principal == null ? STATELESS_OWNER : PRINCIPAL_OWNER + principal.subject();
    }

    /** Whether tasks of {@code owner} belong to the stateless era (their notifications go to listen streams). */
    static boolean isStatelessOwner(String owner) {
        return owner.equals(STATELESS_OWNER) || owner.startsWith(PRINCIPAL_OWNER);
    }

    static String owner(Session session) {
        return SESSION_OWNER + session.id();
    }

    /** The session id an owner names, or null for an owner that is not a session. */
    static String sessionIdOf(String owner) {
        return owner.startsWith(SESSION_OWNER) ? owner.substring(SESSION_OWNER.length()) : null;
    }

    static boolean declaresExtension(ObjectNode meta) {
        JsonNode caps = meta == null ? null : meta.get(StatelessEra.META_CAPABILITIES);
        return caps != null && caps.path("extensions").has(TaskMessages.EXTENSION);
    }

    McpException missingExtension(String why) {
        ObjectNode data = codec.mapper().createObjectNode();
        data.putObject("requiredCapabilities").putObject("extensions").putObject(TaskMessages.EXTENSION);
        return new McpException(JsonRpc.Error.of(StatelessEra.MISSING_CAPABILITY, "Missing required client capability: "
                + why + "; declare the " + TaskMessages.EXTENSION + " extension in _meta clientCapabilities").withData(data));
    }

    /** A 2026-07-28 {@code tasks/get|update|cancel}, answered on a virtual thread. */
    void stateless(Decoded.Request r, Exchange exchange) {
        if (!declaresExtension(r.meta())) {
            fail(exchange, r, missingExtension(r.method() + " belongs to the tasks extension").error());
            return;
        }
        Thread.ofVirtual().name("task-" + r.method()).start(() -> {
            try {
                exchange.respond(codec.encodeResult(r.id(), stateless(r, statelessOwner(exchange.principal()))));
            } catch (McpException e) {
                fail(exchange, r, e.error());
            } catch (TaskRejected e) {
                fail(exchange, r, error(e));
            } catch (RuntimeException e) {
                fail(exchange, r, JsonRpc.Error.internal("Internal error: " + e.getMessage()));
            }
        });
    }

    private ObjectNode stateless(Decoded.Request r, String owner) {
        switch (r.method()) {
            case TaskMessages.GET -> {
                return wire.detailed2026(engine.get(owner, taskId(r.params(TaskMessages.TaskIdParams.class).taskId())));
            }
            case TaskMessages.CANCEL -> {
                engine.cancel(owner, taskId(r.params(TaskMessages.TaskIdParams.class).taskId()));
                return wire.ack2026();
            }
            case TaskMessages.UPDATE -> {
                TaskMessages.UpdateParams u = r.params(TaskMessages.UpdateParams.class);
                String id = taskId(u.taskId());
                if (u.inputResponses() == null || !u.inputResponses().isObject())
                    throw McpException.invalidParams("Invalid params: tasks/update needs inputResponses, an object of responses by input request key");
                engine.answer(owner, id, responses(u.inputResponses()));
                return wire.ack2026();
            }
            default -> throw new McpException(JsonRpc.Error.methodNotFound(r.method()));
        }
    }

    Map<String, String> responses(JsonNode inputResponses) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : inputResponses.properties()) out.put(e.getKey(), codec.mapper().writeValueAsString(e.getValue()));
        return out;
    }

    static String taskId(JsonNode id) {
        if (id == null || id.isNull() || id.isMissingNode()) throw McpException.invalidParams("Invalid params: taskId is required");
        if (!id.isString()) throw McpException.invalidParams("Invalid params: taskId must be a string");
        return id.asString();
    }

    /** The JSON-RPC error for an engine refusal: -32000 with retryAfterMs at capacity, else -32602. */
    JsonRpc.Error error(TaskRejected e) {
        if (e.reason() == TaskRejected.Reason.AT_CAPACITY || e.reason() == TaskRejected.Reason.UNAVAILABLE) {
            ObjectNode data = codec.mapper().createObjectNode().put("retryAfterMs", e.retryAfterMs());
            return JsonRpc.Error.of(-32000, e.getMessage()).withData(data);
        }
        return JsonRpc.Error.invalidParams(e.getMessage());
    }

    void fail(Exchange exchange, Decoded.Request r, JsonRpc.Error error) {
        exchange.respondError(codec.encodeError(r.id(), error), error.code());
    }

    ObjectNode capabilities2025() {
        ObjectNode tasks = codec.mapper().createObjectNode();
        tasks.putObject("list");
        tasks.putObject("cancel");
        tasks.putObject("requests").putObject("tools").putObject("call");
        return tasks;
    }

    @Override
    public void close() {
        engine.close();
        store.close();
    }
}
