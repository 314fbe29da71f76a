package dev.switchboard.mcp;

import dev.switchboard.kernel.Kernel;
import dev.switchboard.kernel.KernelConfig;
import dev.switchboard.kernel.Message;
import dev.switchboard.kernel.Subsystem;
import dev.switchboard.kernel.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.node.ObjectNode;

/**
 * An MCP server: tools, resources, prompts and completions served over any transport, with every
 * request dispatched through the message kernel.
 *
 * <pre>{@code
 * record Greet(String name) {}
 *
 * McpServer server = McpServer.builder("hello", "1.0.0")
 *     .tool("greet", "Greets a person", Greet.class, g -> "Hello, " + g.name())
 *     .build();
 * }</pre>
 *
 * <p>Transports drive it through {@link SessionHost}: the server owns sessions, their ids, the cap
 * and idle eviction. Notifications (list changes, resource updates) travel on the kernel's event
 * bus under {@code mcp://notify/…}, the seam where a cluster bridges them to other nodes.
 */
public final class McpServer implements SessionHost, AutoCloseable {
    static final String RESOURCE_UPDATED = "mcp://notify/resource-updated";
    static final String LIST_CHANGED = "mcp://notify/list-changed";

    private final Implementation info;
    private final Registry registry;
    private final Kernel kernel;
    private final boolean ownsKernel;
    private final JsonRpcCodec codec;
    private final McpSettings settings;
    private final Subscriptions subscriptions = new Subscriptions();
    private final SessionTable sessions;
    private final Dispatcher dispatcher;
    private final StatelessDispatcher stateless;
    private final ListenStreams listens;
    private final Subscription notifications;
    private final Thread sweeper;
    private final List<Runnable> closeHooks;

    private McpServer(Builder b) {
        this.info = b.info;
        this.registry = b.registry;
        this.codec = b.codec;
        this.settings = b.settings;
        this.ownsKernel = b.kernel == null;
        this.closeHooks = List.copyOf(b.closeHooks);
        this.kernel = b.kernel != null ? b.kernel : Kernel.create(KernelConfig.defaults());
        Features features = new Features(registry, Cursor.forSecret(settings.requestStateKey()), settings.pageSize(), codec.mapper(), subscriptions);
        this.dispatcher = new Dispatcher(codec, kernel, settings, registry, features, info, b.instructions);
        this.dispatcher.observer = b.observer;
        this.sessions = new SessionTable(settings, subscriptions::removeAll);
        this.listens = new ListenStreams(codec);
        this.stateless = new StatelessDispatcher(dispatcher, codec, listens);
        // the store opens only when some tool can run as a task: a server without task tools touches no disk
        if (b.taskStore != null && registry.tools().stream().anyMatch(t -> !TaskProtocol.support(t).equals("forbidden")))
            dispatcher.tasks = new TaskProtocol(b.taskStore.get(), b.taskLimits, registry, codec, settings, b.beforeTask);
        for (String area : List.of("tools", "resources", "prompts", "completion"))
            kernel.register(Subsystem.builder(area).maxAttempts(1)
                    .route(area + "://*", d -> ((Dispatcher.Invocation) d.message().body()).run()).build());
        this.notifications = kernel.bus().subscribe("mcp://notify/>", this::deliver);
        long sweepMillis = Math.max(1_000, Math.min(30_000, settings.idleTimeout().toMillis() / 4));
        this.sweeper = Thread.ofVirtual().name("mcp-session-sweeper").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(sweepMillis);
                } catch (InterruptedException e) {
                    return;
                }
                sessions.evictIdle();
            }
        });
    }

    public static Builder builder(String name, String version) {
        return new Builder(Implementation.of(name, version));
    }

    @Override
    public Opened open(String transportName) {
        Session s = sessions.open(transportName, dispatcher);
        if (s == null)
            return new Opened.Full("session limit of " + sessions.max() + " reached (sessions.max); end idle sessions with DELETE or raise the limit");
        return new Opened.Session(s);
    }

    @Override
    public ServerSession find(String id) {
        return sessions.find(id);
    }

    @Override
    public boolean end(String id) {
        return sessions.end(id);
    }

    @Override
    public void handleStateless(Decoded message, Exchange exchange) {
        stateless.handle(message, exchange);
    }

    @Override
    public List<String> supportedVersions() {
        return ProtocolVersion.SUPPORTED;
    }

    public JsonRpcCodec codec() {
        return codec;
    }

    public Kernel kernel() {
        return kernel;
    }

    public Implementation info() {
        return info;
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Ends sessions idle past {@code sessions.idleTimeoutMs} now (the server also does it periodically). */
    public int evictIdleSessions() {
        return sessions.evictIdle();
    }

    /** Tells every session subscribed to {@code uri} that it changed. */
    public void resourceUpdated(String uri) {
        kernel.bus().publish(Message.of(RESOURCE_UPDATED, uri));
    }

    /** Adds a tool at run time and tells every session the list changed. */
    public void addTool(Tools.Tool definition, ToolHandler<ObjectNode> handler) {
        registry.add(Builder.raw(definition, handler));
        kernel.bus().publish(Message.of(LIST_CHANGED, McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED));
    }

    /** Adds a resource at run time and tells every session the resource list changed. */
    public void addResource(Resources.Resource definition, ResourceReader reader) {
        registry.add(new Registry.RegisteredResource(definition, reader));
        kernel.bus().publish(Message.of(LIST_CHANGED, McpMethods.NOTIFICATION_RESOURCES_LIST_CHANGED));
    }

    /** Adds a prompt at run time and tells every session the prompt list changed. */
    public void addPrompt(Prompts.Prompt definition, PromptHandler handler) {
        registry.add(new Registry.RegisteredPrompt(definition, handler));
        kernel.bus().publish(Message.of(LIST_CHANGED, McpMethods.NOTIFICATION_PROMPTS_LIST_CHANGED));
    }

    /** Removes a tool at run time; {@code false} when there was none. */
    public boolean removeTool(String name) {
        boolean removed = registry.removeTool(name);
        if (removed) kernel.bus().publish(Message.of(LIST_CHANGED, McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED));
        return removed;
    }

    /** Removes a prompt at run time; {@code false} when there was none. */
    public boolean removePrompt(String name) {
        boolean removed = registry.removePrompt(name);
        if (removed) kernel.bus().publish(Message.of(LIST_CHANGED, McpMethods.NOTIFICATION_PROMPTS_LIST_CHANGED));
        return removed;
    }

    /** Open {@code subscriptions/listen} streams of stateless clients. */
    public int listenStreamCount() {
        return listens.size();
    }

    private void deliver(Message m) {
        if (m.path().equals(RESOURCE_UPDATED)) {
            String uri = (String) m.body();
            byte[] note = codec.encodeNotification(McpMethods.NOTIFICATION_RESOURCES_UPDATED, Resources.UpdatedParams.of(uri));
            for (Session s : subscriptions.subscribers(uri)) s.sendToChannel(note);
            listens.resourceUpdated(uri);
        } else if (m.path().equals(LIST_CHANGED)) {
            byte[] note = codec.encodeNotification((String) m.body(), Params.Empty.INSTANCE);
            for (Session s : sessions.all()) s.sendToChannel(note);
            listens.listChanged((String) m.body());
        }
    }

    @Override
    public void close() {
        closeHooks.forEach(Runnable::run);
        sweeper.interrupt();
        notifications.close();
        listens.closeAll();
        sessions.endAll();
        if (dispatcher.tasks != null) dispatcher.tasks.close();
        if (ownsKernel) kernel.close();
    }

    /**
     * The task engine when the server runs tools as tasks ({@link Builder#tasks}), else empty: its
     * ledger feeds metrics, and {@code recover()} has already run when the server was built.
     */
    public java.util.Optional<dev.switchboard.tasks.TaskEngine> taskEngine() {
        return java.util.Optional.ofNullable(dispatcher.tasks).map(TaskProtocol::engine);
    }

    /** Builds an {@link McpServer}. */
    public static final class Builder {
        private final Implementation info;
        private final Registry registry = new Registry();
        private final JsonRpcCodec codec = JsonRpcCodec.create();
        private final List<Runnable> closeHooks = new ArrayList<>();
        private String instructions;
        private Kernel kernel;
        private McpSettings settings = McpSettings.defaults();
        private RequestObserver observer = RequestObserver.NONE;
        private java.util.function.Supplier<dev.switchboard.tasks.TaskStore> taskStore;
        private final java.util.Map<String, BeforeTask> beforeTask = new java.util.HashMap<>();
        private dev.switchboard.tasks.TaskLimits taskLimits;

        private Builder(Implementation info) {
            this.info = info;
        }

        public Builder instructions(String text) {
            this.instructions = text;
            return this;
        }

        /** Runs on this kernel instead of a private one (the server registers its subsystems on it). */
        public Builder kernel(Kernel k) {
            this.kernel = k;
            return this;
        }

        /** Runs {@code hook} when the server closes, before its sessions end: stop what feeds it. */
        public Builder onClose(Runnable hook) {
            closeHooks.add(hook);
            return this;
        }

        /** Tells {@code o} about every request this server dispatches (metrics, tracing, access logs). */
        public Builder observer(RequestObserver o) {
            this.observer = java.util.Objects.requireNonNull(o, "observer");
            return this;
        }

        public Builder settings(McpSettings s) {
            this.settings = s;
            return this;
        }

        /** A tool whose arguments are the record {@code type}; its input schema is generated from it. */
        public <A> Builder tool(String name, String description, Class<A> type, Function<A, Object> handler) {
            return tool(name, description, type, (A a, Context c) -> handler.apply(a));
        }

        public <A> Builder tool(String name, String description, Class<A> type, ToolHandler<A> handler) {
            return tool(Tools.Tool.of(name, description, JsonSchemas.generate(type)), type, handler);
        }

        /** A tool with structured output: the output schema is generated from {@code output}. */
        public <A, R> Builder tool(String name, String description, Class<A> type, Class<R> output, ToolHandler<A> handler) {
            return tool(Tools.Tool.of(name, description, JsonSchemas.generate(type)).withOutputSchema(JsonSchemas.generate(output)), type, handler);
        }

        /**
         * A tool that runs as a durable task (see {@link #tasks}): {@code taskSupport} is
         * {@code "optional"} (a task when the client can take one) or {@code "required"};
         * {@code retrySafe} marks it idempotent, so a restart re-runs it instead of failing it.
         */
        public <A> Builder taskTool(String name, String description, Class<A> type, String taskSupport, boolean retrySafe,
                                    ToolHandler<A> handler) {
            if (!taskSupport.equals("optional") && !taskSupport.equals("required"))
                throw new IllegalArgumentException("taskSupport must be 'optional' or 'required', was '" + taskSupport + "'");
            Tools.Tool definition = new Tools.Tool(name, null, description, JsonSchemas.generate(type), null,
                    new Tools.ToolAnnotations(null, null, null, retrySafe ? Boolean.TRUE : null, null), new Tools.ToolExecution(taskSupport), null, null);
            return tool(definition, type, handler);
        }

        /**
         * Gives task tool {@code name} a synchronous start: {@code before} runs on the creating call
         * (its input rounds are the call's own) and what it returns joins the task's arguments.
         */
        public Builder beforeTask(String name, BeforeTask before) {
            beforeTask.put(java.util.Objects.requireNonNull(name, "name"), java.util.Objects.requireNonNull(before, "before"));
            return this;
        }

        /** A tool with a full definition (title, annotations, icons, schemas) and typed arguments. */
        public <A> Builder tool(Tools.Tool definition, Class<A> type, ToolHandler<A> handler) {
            var mapper = codec.mapper();
            Registry.ToolInvoker invoker = type == ObjectNode.class
                    ? (args, ctx) -> handler.call(type.cast(args), ctx)
                    : (args, ctx) -> handler.call(mapper.treeToValue(args, type), ctx);
            registry.add(registered(definition, invoker));
            return this;
        }

        /** A tool with a full definition and raw JSON arguments. */
        public Builder tool(Tools.Tool definition, ToolHandler<ObjectNode> handler) {
            registry.add(raw(definition, handler));
            return this;
        }

        static Registry.RegisteredTool raw(Tools.Tool definition, ToolHandler<ObjectNode> handler) {
            return registered(definition, handler::call);
        }

        private static Registry.RegisteredTool registered(Tools.Tool definition, Registry.ToolInvoker invoker) {
            JsonSchemas.Check output = definition.outputSchema() == null ? null : JsonSchemas.compile(definition.outputSchema());
            return new Registry.RegisteredTool(definition, JsonSchemas.compile(definition.inputSchema()), output, invoker,
                    MirroredHeaders.of(definition.inputSchema()));
        }

        /**
         * Declares that tool {@code name} needs these client capabilities ({@code sampling},
         * {@code elicitation}, {@code roots}): a stateless-era call from a client that did not
         * declare them is refused with -32021 before the tool runs.
         */
        public Builder toolNeeds(String name, String... clientCapabilities) {
            registry.toolNeeds(name, java.util.Set.of(clientCapabilities));
            return this;
        }

        /** Every {@link Tool @Tool} method of {@code target}. */
        public Builder tools(Object target) {
            for (AnnotatedTools.Found f : AnnotatedTools.scan(target, codec.mapper())) registry.add(registered(f.definition(), f.invoker()));
            return this;
        }

        public Builder resource(String uri, String name, String description, String mimeType, ResourceReader reader) {
            return resource(new Resources.Resource(uri, name, null, description, mimeType, null, null, null, null), reader);
        }

        public Builder resource(Resources.Resource definition, ResourceReader reader) {
            registry.add(new Registry.RegisteredResource(definition, reader));
            return this;
        }

        public Builder resourceTemplate(String uriTemplate, String name, String description, String mimeType, ResourceReader reader) {
            return resourceTemplate(new Resources.ResourceTemplate(uriTemplate, name, null, description, mimeType, null, null, null), reader);
        }

        public Builder resourceTemplate(Resources.ResourceTemplate definition, ResourceReader reader) {
            registry.add(new Registry.RegisteredTemplate(definition, UriTemplate.parse(definition.uriTemplate()), reader));
            return this;
        }

        public Builder prompt(String name, String description, List<Prompts.PromptArgument> arguments, PromptHandler handler) {
            return prompt(new Prompts.Prompt(name, null, description, arguments, null, null), handler);
        }

        public Builder prompt(Prompts.Prompt definition, PromptHandler handler) {
            registry.add(new Registry.RegisteredPrompt(definition, handler));
            return this;
        }

        /** Completes {@code argument} of the prompt or resource template {@code ref}. */
        public Builder completion(Completion.Reference ref, String argument, Completer completer) {
            registry.addCompleter(ref, argument, completer);
            return this;
        }

        /**
         * Runs tools that declare {@code execution.taskSupport} as durable MCP tasks (both eras) on
         * the store {@code store} opens, which the server closes with itself. The store is opened at
         * build, and only when some tool declares task support. At build, tasks a previous run left
         * live are resumed: re-run when the tool is idempotent ({@code idempotentHint}), else ended
         * failed with "server restarted during the task".
         *
         * @throws dev.switchboard.tasks.TaskStoreException from {@link #build()} when the store
         *         cannot be opened (the message names its path)
         */
        public Builder tasks(java.util.function.Supplier<dev.switchboard.tasks.TaskStore> store, dev.switchboard.tasks.TaskLimits limits) {
            this.taskStore = java.util.Objects.requireNonNull(store, "store");
            this.taskLimits = java.util.Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** True once {@link #tasks} was called. */
        public boolean hasTasks() {
            return taskStore != null;
        }

        /** Tasks on the embedded store in {@code directory} with the default limits. */
        public Builder tasks(java.nio.file.Path directory) {
            return tasks(() -> dev.switchboard.tasks.TaskStore.embedded(directory), dev.switchboard.tasks.TaskLimits.defaults());
        }

        public McpServer build() {
            McpServer server = new McpServer(this);
            if (server.dispatcher.tasks != null) server.dispatcher.tasks.recover();
            return server;
        }
    }
}
