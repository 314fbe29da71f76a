package dev.switchboard.mcp;

import dev.switchboard.mcp.protocol.Tools;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@link Tool @Tool} methods into tool definitions and invokers. Each non-{@link Context}
 * parameter is one argument: its schema is generated from its type, its name comes from
 * {@link Arg#name()} or the compiled parameter name ({@code -parameters}).
 */
final class AnnotatedTools {
    private AnnotatedTools() {}

    record Found(Tools.Tool definition, Registry.ToolInvoker invoker, java.util.Set<String> scopes) {}

    /** Registers every {@link Tool @Tool} method of {@code target}, with the scopes it declares. */
    static void register(Object target, JsonMapper mapper, Registry registry) {
        for (Found f : scan(target, mapper)) {
            registry.add(Registry.compile(f.definition(), f.invoker()));
            if (!f.scopes().isEmpty()) registry.toolScopes(f.definition().name(), f.scopes());
        }
    }

    static List<Found> scan(Object target, JsonMapper mapper) {
        List<Found> out = new ArrayList<>();
        for (Method m : target.getClass().getMethods()) {
            Tool tool = m.getAnnotation(Tool.class);
            if (tool == null) continue;
            if (Modifier.isStatic(m.getModifiers()) && target instanceof Class<?>) continue;
            out.add(read(target, m, tool, mapper));
        }
        out.sort(java.util.Comparator.comparing(f -> f.definition().name()));
        return out;
    }

    private static Found read(Object target, Method method, Tool tool, JsonMapper mapper) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JsonNodeFactory.instance.arrayNode();
        Parameter[] parameters = method.getParameters();
        String[] names = new String[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Parameter p = parameters[i];
            if (p.getType() == Context.class) continue;
            Arg arg = p.getAnnotation(Arg.class);
            String name = arg != null && !arg.name().isEmpty() ? arg.name() : p.getName();
            if (!p.isNamePresent() && (arg == null || arg.name().isEmpty()))
                throw new IllegalArgumentException("tool method " + method + ": name parameter " + i + " with @Arg(name = …) or compile with -parameters");
            names[i] = name;
            ObjectNode property = JsonSchemas.generate(p.getParameterizedType());
            if (isScalar(p.getType())) property.remove("properties");
            if (arg != null && !arg.description().isEmpty()) property.put("description", arg.description());
            properties.set(name, property);
            if (arg == null || arg.required()) required.add(name);
        }
        if (!required.isEmpty()) schema.set("required", required);
        String toolName = tool.name().isEmpty() ? method.getName() : tool.name();
        Tools.Tool definition = new Tools.Tool(toolName, tool.title().isEmpty() ? null : tool.title(), tool.description(), schema, null,
                tool.readOnly() ? Tools.ToolAnnotations.readOnly() : null, null, null, null);
        method.setAccessible(true);
        Registry.ToolInvoker invoker = (arguments, context) -> {
            Object[] values = new Object[parameters.length];
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i].getType() == Context.class) {
                    values[i] = context;
                    continue;
                }
                JsonNode node = arguments.get(names[i]);
                values[i] = node == null || node.isNull() ? defaultFor(parameters[i].getType())
                        : mapper.treeToValue(node, mapper.constructType(parameters[i].getParameterizedType()));
            }
            try {
                return method.invoke(target, values);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception ex) throw ex;
                throw e;
            }
        };
        return new Found(definition, invoker, java.util.Set.of(tool.scopes()));
    }

    private static boolean isScalar(Class<?> type) {
        return type.isPrimitive() || type == String.class || Number.class.isAssignableFrom(type) || type == Boolean.class;
    }

    private static Object defaultFor(Class<?> type) {
        if (!type.isPrimitive()) return null;
        if (type == boolean.class) return false;
        if (type == char.class) return '\0';
        if (type == long.class) return 0L;
        if (type == double.class) return 0.0;
        if (type == float.class) return 0.0f;
        return type == int.class ? 0 : type == short.class ? (short) 0 : (byte) 0;
    }
}
