package hello;

import dev.switchboard.mcp.McpServer;
import dev.switchboard.mcp.Prompt;
import dev.switchboard.mcp.Resource;
import dev.switchboard.mcp.Tool;
import dev.switchboard.mcp.Transport;

public class HelloAnnotated {
    @Tool(description = "Greets a person")
    public String greet(String name) { return "Hello, " + name; }

    @Resource(uri = "hello://motd", description = "The message of the day")
    public String motd() { return "Be kind"; }

    @Prompt(description = "Asks for a greeting")
    public String welcome(String name) { return "Write a warm greeting for " + name; }

    public static void main(String[] args) {
        McpServer.builder("hello", "1.0.0").annotated(new HelloAnnotated()).build().serve(Transport.http(8080));
    }
}
