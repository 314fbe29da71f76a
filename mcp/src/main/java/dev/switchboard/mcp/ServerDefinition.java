package dev.switchboard.mcp;

/**
 * Your own server, for {@code sb serve} to run with the same configuration loading, operational
 * endpoints (/health, /ready, /metrics, dashboard), transports ({@code --stdio} or HTTP) and
 * {@code LISTENING} line as its built-in examples.
 *
 * <p>Implement it in a class with a public no-argument constructor, then either name the class
 * ({@code sb serve --class com.example.Weather}, with the class on the class path, or
 * {@code --jar weather.jar --class com.example.Weather}), or list it in the jar's
 * {@code META-INF/services/dev.switchboard.mcp.ServerDefinition} and run
 * {@code sb serve --jar weather.jar}: {@link java.util.ServiceLoader} finds it.
 *
 * <pre>{@code
 * public final class Weather implements ServerDefinition {
 *     record City(String name) {}
 *
 *     public void define(McpServer.Builder server) {
 *         server.tool("forecast", "Tomorrow's weather in a city", City.class, c -> "Sunny in " + c.name());
 *     }
 * }
 * }</pre>
 */
public interface ServerDefinition {
    /** The name the server gives clients in {@code serverInfo}; by default the class's simple name. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** The version the server gives clients; by default the jar manifest's {@code Implementation-Version}, else {@code "0.0.0"}. */
    default String version() {
        String v = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return v != null ? v : "0.0.0";
    }

    /**
     * Adds the tools, resources and prompts. The builder already carries the kernel, settings and
     * observer the command set up; do not call {@link McpServer.Builder#build()}.
     */
    void define(McpServer.Builder server);
}
