package dev.switchboard.mcp;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as an MCP prompt for {@link McpServer.Builder#annotated(Object)}. Each
 * {@code String} parameter is one prompt argument (named and described by {@link Arg}, or by the
 * compiled name); a {@link Context} parameter receives the request context. The return value is
 * rendered as for {@link PromptHandler}: a {@code String} is one user message.
 *
 * <pre>{@code
 * @Prompt(description = "Asks for a code review")
 * public String review(@Arg(description = "the code") String code) { return "Review this:\n" + code; }
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Prompt {
    /** The prompt's name; defaults to the method's name. */
    String name() default "";

    String description() default "";

    /** A display title; none by default. */
    String title() default "";
}
