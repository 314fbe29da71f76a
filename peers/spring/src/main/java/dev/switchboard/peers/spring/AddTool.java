package dev.switchboard.peers.spring;

import java.math.BigDecimal;
import org.springframework.ai.mcp.annotation.McpTool;
import org.springframework.ai.mcp.annotation.McpToolParam;
import org.springframework.stereotype.Component;

/** The peer's one tool, written the way Spring AI's MCP server guide writes tools: a bean method with {@code @McpTool}. */
@Component
public class AddTool {
    @McpTool(name = "add", description = "Adds two numbers")
    public String add(@McpToolParam(description = "first addend") double a, @McpToolParam(description = "second addend") double b) {
        return number(a + b);
    }

    /** A sum written as people write it ({@code 5}, not {@code 5.0}), the text every peer's add answers. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return Double.toString(value);
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
