package dev.switchboard.mcp;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as an MCP tool for {@link McpServer.Builder#tools(Object)}. Its parameters are the
 * tool's arguments (name them with {@link Arg} or compile with {@code -parameters}); a parameter of
 * type {@link Context} receives the request context. The return value is converted as for
 * {@link ToolHandler}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Tool {
    /** The tool's name; defaults to the method's name. */
    String name() default "";

    String description();

    /** A display title; none by default. */
    String title() default "";

    /** Hint: the tool does not modify its environment. */
    boolean readOnly() default false;

    /**
     * OAuth scopes a caller's token must carry, all of them, to call this tool (enforced by the
     * kernel route's scope requirement; a caller without them gets HTTP 403 asking for them).
     * None by default: any authenticated caller may call it.
     */
    String[] scopes() default {};
}
