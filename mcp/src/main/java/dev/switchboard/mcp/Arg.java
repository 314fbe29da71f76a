package dev.switchboard.mcp;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Describes a tool argument: a parameter of a {@link Tool} method or a component of an arguments record. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Arg {
    /** The argument's name; defaults to the parameter's name. */
    String name() default "";

    String description() default "";

    /** Whether the client must send it. */
    boolean required() default true;
}
