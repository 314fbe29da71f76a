package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.Prompts;
import dev.switchboard.mcp.protocol.Resources;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link Resource @Resource} and {@link Prompt @Prompt} methods into registrations (tools have
 * {@link AnnotatedTools}, whose arguments carry schemas). Both kinds take named {@code String}
 * parameters, template variables or prompt arguments, and an optional {@link Context}, so one
 * binder serves both.
 */
final class AnnotatedMethods {
    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

    private AnnotatedMethods() {}

    /** Registers every {@link Resource @Resource} (resources and templates) and {@link Prompt @Prompt} method of {@code target}. */
    static void register(Object target, Registry registry) {
        resources(target).forEach(registry::add);
        templates(target).forEach(registry::add);
        prompts(target).forEach(registry::add);
    }

    static List<Registry.RegisteredResource> resources(Object target) {
        List<Registry.RegisteredResource> out = new ArrayList<>();
        for (Method m : annotated(target, Resource.class)) {
            Resource r = m.getAnnotation(Resource.class);
            if (VARIABLE.matcher(r.uri()).find()) continue;
            Binding b = bind(target, m, "resource");
            if (!b.names().isEmpty())
                throw new IllegalArgumentException("resource method " + m + ": uri '" + r.uri() + "' has no {variables}, so it takes no parameters but a Context");
            out.add(new Registry.RegisteredResource(new Resources.Resource(r.uri(), name(r.name(), m), null, text(r.description()), text(r.mimeType()), null, null, null, null),
                    (uri, vars, ctx) -> b.invoke(vars, ctx)));
        }
        return out;
    }

    static List<Registry.RegisteredTemplate> templates(Object target) {
        List<Registry.RegisteredTemplate> out = new ArrayList<>();
        for (Method m : annotated(target, Resource.class)) {
            Resource r = m.getAnnotation(Resource.class);
            Matcher vars = VARIABLE.matcher(r.uri());
            List<String> declared = new ArrayList<>();
            while (vars.find()) declared.add(vars.group(1));
            if (declared.isEmpty()) continue;
            Binding b = bind(target, m, "resource");
            for (String name : b.names())
                if (!declared.contains(name))
                    throw new IllegalArgumentException("resource method " + m + ": parameter '" + name + "' is no variable of '" + r.uri() + "' " + declared);
            Resources.ResourceTemplate definition = new Resources.ResourceTemplate(r.uri(), name(r.name(), m), null, text(r.description()), text(r.mimeType()), null, null, null);
            out.add(new Registry.RegisteredTemplate(definition, UriTemplate.parse(r.uri()), (uri, values, ctx) -> b.invoke(values, ctx)));
        }
        return out;
    }

    static List<Registry.RegisteredPrompt> prompts(Object target) {
        List<Registry.RegisteredPrompt> out = new ArrayList<>();
        for (Method m : annotated(target, Prompt.class)) {
            Prompt p = m.getAnnotation(Prompt.class);
            Binding b = bind(target, m, "prompt");
            List<Prompts.PromptArgument> arguments = new ArrayList<>();
            for (Parameter parameter : m.getParameters()) {
                if (parameter.getType() == Context.class) continue;
                Arg arg = parameter.getAnnotation(Arg.class);
                String name = nameOf(parameter, arg);
                String description = arg == null ? null : text(arg.description());
                arguments.add(arg == null || arg.required() ? Prompts.PromptArgument.required(name, description) : Prompts.PromptArgument.optional(name, description));
            }
            Prompts.Prompt definition = new Prompts.Prompt(name(p.name(), m), text(p.title()), text(p.description()), arguments, null, null);
            out.add(new Registry.RegisteredPrompt(definition, b::invoke));
        }
        return out;
    }

    /** A method with its parameters' names: each named {@code String} gets the value of its name, a {@link Context} the context. */
    private record Binding(Object target, Method method, List<String> names) {
        Object invoke(Map<String, String> values, Context context) throws Exception {
            Parameter[] parameters = method.getParameters();
            Object[] args = new Object[parameters.length];
            int named = 0;
            for (int i = 0; i < parameters.length; i++)
                args[i] = parameters[i].getType() == Context.class ? context : values.get(names.get(named++));
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception ex) throw ex;
                throw e;
            }
        }
    }

    private static Binding bind(Object target, Method m, String kind) {
        List<String> names = new ArrayList<>();
        for (Parameter p : m.getParameters()) {
            if (p.getType() == Context.class) continue;
            if (p.getType() != String.class)
                throw new IllegalArgumentException(kind + " method " + m + ": parameter '" + p.getName() + "' must be a String or a Context");
            names.add(nameOf(p, p.getAnnotation(Arg.class)));
        }
        m.setAccessible(true);
        return new Binding(target, m, List.copyOf(names));
    }

    private static String nameOf(Parameter p, Arg arg) {
        if (arg != null && !arg.name().isEmpty()) return arg.name();
        if (!p.isNamePresent()) throw new IllegalArgumentException("method " + p.getDeclaringExecutable() + ": name parameter '" + p.getName()
                + "' with @Arg(name = …) or compile with -parameters");
        return p.getName();
    }

    private static List<Method> annotated(Object target, Class<? extends java.lang.annotation.Annotation> annotation) {
        List<Method> out = new ArrayList<>();
        for (Method m : target.getClass().getMethods())
            if (m.isAnnotationPresent(annotation) && !(Modifier.isStatic(m.getModifiers()) && target instanceof Class<?>)) out.add(m);
        out.sort(Comparator.comparing(Method::getName));
        return out;
    }

    private static String name(String declared, Method m) {
        return declared.isEmpty() ? m.getName() : declared;
    }

    private static String text(String s) {
        return s.isEmpty() ? null : s;
    }
}
