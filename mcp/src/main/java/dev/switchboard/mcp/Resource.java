package dev.switchboard.mcp;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as an MCP resource for {@link McpServer.Builder#annotated(Object)}. A {@code uri}
 * with {@code {variables}} makes it a resource template, and each {@code String} parameter receives
 * the variable of its name ({@link Arg#name()} or the compiled name); a {@link Context} parameter
 * receives the request context. The return value is read as for {@link ResourceReader}.
 *
 * <pre>{@code
 * @Resource(uri = "notes://{id}", description = "A note by id", mimeType = "text/plain")
 * public String note(String id) { return notes.get(id); }
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Resource {
    /** The resource's URI, or a URI template (RFC 6570 level 1) with {@code {variables}}. */
    String uri();

    /** The resource's name; defaults to the method's name. */
    String name() default "";

    String description() default "";

    /** The MIME type of its contents; none by default. */
    String mimeType() default "";
}
