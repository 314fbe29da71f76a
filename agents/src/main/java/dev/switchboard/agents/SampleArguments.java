package dev.switchboard.agents;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/*
 * Arguments that pass a tool's input schema, made up from the schema alone, for the gateway's
 * start-up warm-up (CallPathWarmUp). Why: the server checks a call's arguments against the tool's
 * schema before its handler runs, so a warm-up call with empty arguments to a tool that requires
 * any (server-everything's echo requires "message") was answered "Invalid arguments" by the server
 * and never reached the gateway's handler, AgentCall or a member: measured, the first real call
 * then loaded 9 classes of that path. The values are never used (the warm-up's handler sends a
 * member a ping instead of the call); they only have to satisfy the schema. Handles the common
 * keywords (type, required, properties, enum, const, default, minimum, minLength, minItems,
 * items); a schema beyond them yields arguments the server may refuse, and the warm-up then tries
 * another of the agent's tools.
 */
final class SampleArguments {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 8;

    private SampleArguments() {}

    /** An arguments object for a tool whose input schema is {@code schema}. */
    static ObjectNode forSchema(ObjectNode schema) {
        JsonNode v = value(schema, 0);
        return v instanceof ObjectNode o ? o : JSON.objectNode();
    }

    private static JsonNode value(JsonNode schema, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) return JSON.nullNode();
        if (schema.has("const")) return schema.get("const");
        if (schema.has("default")) return schema.get("default");
        JsonNode e = schema.get("enum");
        if (e != null && e.isArray() && !e.isEmpty()) return e.get(0);
        for (String alternatives : new String[] {"anyOf", "oneOf", "allOf"}) {
            JsonNode a = schema.get(alternatives);
            if (a != null && a.isArray() && !a.isEmpty()) return value(a.get(0), depth + 1);
        }
        String type = type(schema);
        return switch (type) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, depth);
            case "string" -> JSON.stringNode("x".repeat(Math.max(1, schema.path("minLength").asInt(1))));
            case "integer" -> JSON.numberNode((long) Math.ceil(lowest(schema)));
            case "number" -> JSON.numberNode(lowest(schema));
            case "boolean" -> JSON.booleanNode(false);
            default -> JSON.nullNode();
        };
    }

    /** The schema's type; with a list of types, the first that is not "null"; without one, by its keywords. */
    private static String type(JsonNode schema) {
        JsonNode t = schema.get("type");
        if (t != null && t.isString()) return t.asString();
        if (t != null && t.isArray())
            for (JsonNode each : t)
                if (!"null".equals(each.asString(""))) return each.asString("");
        if (schema.has("properties") || schema.has("required")) return "object";
        if (schema.has("items")) return "array";
        return "null";
    }

    private static ObjectNode object(JsonNode schema, int depth) {
        ObjectNode out = JSON.objectNode();
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            String name = required.asString("");
            out.set(name, value(properties.get(name), depth + 1));
        }
        int missing = schema.path("minProperties").asInt(0) - out.size();
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.properties().iterator(); missing > 0 && it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            if (out.has(p.getKey())) continue;
            out.set(p.getKey(), value(p.getValue(), depth + 1));
            missing--;
        }
        return out;
    }

    private static ArrayNode array(JsonNode schema, int depth) {
        ArrayNode out = JSON.arrayNode();
        for (int i = 0; i < schema.path("minItems").asInt(0); i++) out.add(value(schema.get("items"), depth + 1));
        return out;
    }

    /** The smallest number the schema allows near zero: 0, or its minimum (one above an exclusive one). */
    private static double lowest(JsonNode schema) {
        if (schema.has("minimum") && schema.get("minimum").asDouble() > 0) return schema.get("minimum").asDouble();
        if (schema.has("exclusiveMinimum") && schema.get("exclusiveMinimum").isNumber() && schema.get("exclusiveMinimum").asDouble() >= 0)
            return schema.get("exclusiveMinimum").asDouble() + 1;
        if (schema.has("maximum") && schema.get("maximum").asDouble() < 0) return schema.get("maximum").asDouble();
        return 0;
    }
}
