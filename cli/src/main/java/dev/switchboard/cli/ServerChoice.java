package dev.switchboard.cli;

import dev.switchboard.examples.Examples;
import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.ServerDefinition;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/*
 * Why: `sb serve` runs either one of our examples or a user's ServerDefinition (named with --class,
 * or found by ServiceLoader in --jar); everything after the choice (config, ops, transports) is the
 * same, so the choice is made here, once, and handed over as a name and a way to build the server.
 */
record ServerChoice(String label, String name, String version, Function<McpServer.Builder, McpServer> create) {
    private static final String SERVICE_FILE = "META-INF/services/" + ServerDefinition.class.getName();

    /** An example by name, or a user's server from {@code className} and/or {@code jar}. */
    static ServerChoice of(String example, String className, Path jar) {
        if (example != null && (className != null || jar != null))
            throw new IllegalArgumentException("--example cannot be combined with --class or --jar");
        if (className == null && jar == null) {
            String name = example != null ? example : "demo";
            if (!Examples.NAMES.contains(name)) throw new IllegalArgumentException("no example named '" + name + "'; choose one of " + Examples.NAMES);
            return new ServerChoice(name, "switchboard-" + name, "0.1.0", b -> Examples.create(name, b));
        }
        ClassLoader loader = jar != null ? open(jar) : ServerChoice.class.getClassLoader();
        ServerDefinition definition = className != null ? instantiate(className, loader, jar) : discover(loader, jar);
        return new ServerChoice(definition.name(), definition.name(), definition.version(), b -> {
            definition.define(b);
            return b.build();
        });
    }

    /** A class loader over the jar; it stays open while the server runs. */
    private static ClassLoader open(Path jar) {
        if (!Files.isRegularFile(jar)) throw new IllegalArgumentException("jar file " + jar.toAbsolutePath().normalize() + " (from --jar) does not exist");
        try {
            return new URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, ServerChoice.class.getClassLoader());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot open " + jar + ": " + e.getMessage());
        }
    }

    private static ServerDefinition instantiate(String className, ClassLoader loader, Path jar) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("cannot load class " + className + (jar != null ? " from " + jar : " from the class path") + ": " + e);
        }
        if (!ServerDefinition.class.isAssignableFrom(type))
            throw new IllegalArgumentException(className + " does not implement " + ServerDefinition.class.getName());
        try {
            return (ServerDefinition) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("cannot create " + className + " (it needs a public no-argument constructor): " + cause);
        }
    }

    /** The one {@link ServerDefinition} the jar lists in its service file. */
    private static ServerDefinition discover(ClassLoader loader, Path jar) {
        try {
            return discoverOne(loader, jar);
        } catch (java.util.ServiceConfigurationError e) {
            throw new IllegalArgumentException("cannot load the server definition listed in " + jar + ": " + e.getMessage());
        }
    }

    private static ServerDefinition discoverOne(ClassLoader loader, Path jar) {
        List<ServiceLoader.Provider<ServerDefinition>> found = ServiceLoader.load(ServerDefinition.class, loader).stream()
                .filter(p -> p.type().getClassLoader() == loader).toList();
        if (found.isEmpty())
            throw new IllegalArgumentException("no " + ServerDefinition.class.getSimpleName() + " in " + jar + ": list your class in " + SERVICE_FILE
                    + " inside the jar, or name it with --class");
        if (found.size() > 1)
            throw new IllegalArgumentException(found.size() + " server definitions in " + jar + " (" + found.stream().map(p -> p.type().getName()).toList()
                    + "): choose one with --class");
        return found.getFirst().get();
    }
}
