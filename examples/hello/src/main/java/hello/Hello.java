package hello;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.Transport;

public class Hello {
    record Greet(String name) {}

    public static void main(String[] args) {
        McpServer.builder("hello", "1.0.0")
            .tool("greet", "Greets a person", Greet.class, g -> "Hello, " + g.name())
            .build().serve(Transport.http(8080));
    }
}
