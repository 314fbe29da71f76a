package dev.switchboard.peers.quarkus;

import io.quarkiverse.mcp.server.Tool;
import io.quarkiverse.mcp.server.ToolArg;
import java.math.BigDecimal;

/** The peer's one tool, written the way the Quarkus MCP Server guide writes tools: a bean method with {@code @Tool}. */
public class AddTool {
    @Tool(description = "Adds two numbers")
    String add(@ToolArg(description = "first addend") double a, @ToolArg(description = "second addend") double b) {
        return number(a + b);
    }

    /** A sum written as people write it ({@code 5}, not {@code 5.0}), the text every peer's add answers. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return Double.toString(value);
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
