package dev.switchboard.cli;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.ServerDefinition;

/** A user's server as {@code sb serve --class dev.switchboard.cli.GreeterDefinition} runs it. */
public final class GreeterDefinition implements ServerDefinition {
    /** The tool's input. */
    public record Person(String name) {}

    @Override
    public String name() {
        return "greeter";
    }

    @Override
    public void define(McpServer.Builder server) {
        server.tool("greet", "Greets a person", Person.class, p -> "Hello, " + p.name());
    }
}
