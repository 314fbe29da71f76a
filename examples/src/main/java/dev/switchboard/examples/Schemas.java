package dev.switchboard.examples;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The hand-written schemas the conformance suite compares field by field. */
final class Schemas {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Schemas() {}

    /** An object schema with no properties: a tool without arguments. */
    static ObjectNode object() {
        ObjectNode o = F.objectNode().put("type", "object");
        o.putObject("properties");
        return o;
    }

    /** An object with one required string property. */
    static ObjectNode requiredStrings(String name, String description) {
        ObjectNode o = object();
        ((ObjectNode) o.get("properties")).putObject(name).put("type", "string").put("description", description);
        o.putArray("required").add(name);
        return o;
    }

    /** One required string argument that 2026-07-28 clients repeat in the header {@code Mcp-Param-<header>} (SEP-2243). */
    static ObjectNode mirrored(String name, String header) {
        ObjectNode o = requiredStrings(name, "Routed on by gateways through the Mcp-Param-" + header + " header");
        ((ObjectNode) o.get("properties").get(name)).put("x-mcp-header", header);
        return o;
    }

    /** The SEP-1613 schema, kept verbatim: $schema, $defs with $anchor, $ref, allOf/anyOf, if/then/else. */
    static ObjectNode jsonSchema2020() {
        return (ObjectNode) tools.jackson.databind.json.JsonMapper.shared().readTree("""
                {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                 "$defs":{"address":{"$anchor":"addressDef","type":"object","properties":{"street":{"type":"string"},"city":{"type":"string"}}}},
                 "properties":{"name":{"type":"string"},"address":{"$ref":"#/$defs/address"},"contactMethod":{"type":"string","enum":["phone","email"]},
                   "phone":{"type":"string"},"email":{"type":"string"}},
                 "allOf":[{"anyOf":[{"required":["phone"]},{"required":["email"]}]}],
                 "if":{"properties":{"contactMethod":{"const":"phone"}},"required":["contactMethod"]},
                 "then":{"required":["phone"]},"else":{"required":["email"]},"additionalProperties":false}
                """);
    }

    static ObjectNode userInfo() {
        ObjectNode o = object();
        ObjectNode p = (ObjectNode) o.get("properties");
        p.putObject("username").put("type", "string").put("description", "User's response");
        p.putObject("email").put("type", "string").put("description", "User's email address");
        o.putArray("required").add("username").add("email");
        return o;
    }

    static ObjectNode sep1034() {
        ObjectNode o = object();
        ObjectNode p = (ObjectNode) o.get("properties");
        p.putObject("name").put("type", "string").put("description", "User name").put("default", "John Doe");
        p.putObject("age").put("type", "integer").put("description", "User age").put("default", 30);
        p.putObject("score").put("type", "number").put("description", "User score").put("default", 95.5);
        ObjectNode status = p.putObject("status").put("type", "string").put("description", "User status");
        status.putArray("enum").add("active").add("inactive").add("pending");
        status.put("default", "active");
        p.putObject("verified").put("type", "boolean").put("description", "Verification status").put("default", true);
        o.putArray("required");
        return o;
    }

    static ObjectNode sep1330() {
        ObjectNode o = object();
        o.putArray("required");
        ObjectNode p = (ObjectNode) o.get("properties");
        ObjectNode untitledSingle = p.putObject("untitledSingle").put("type", "string").put("description", "Select one option");
        untitledSingle.putArray("enum").add("option1").add("option2").add("option3");
        ObjectNode titledSingle = p.putObject("titledSingle").put("type", "string").put("description", "Select one option with titles");
        titled(titledSingle.putArray("oneOf"), "value", "First Option", "Second Option", "Third Option");
        ObjectNode legacy = p.putObject("legacyEnum").put("type", "string").put("description", "Select one option (legacy)");
        legacy.putArray("enum").add("opt1").add("opt2").add("opt3");
        legacy.putArray("enumNames").add("Option One").add("Option Two").add("Option Three");
        ObjectNode untitledMulti = p.putObject("untitledMulti").put("type", "array").put("description", "Select multiple options").put("minItems", 1).put("maxItems", 3);
        ObjectNode items = untitledMulti.putObject("items").put("type", "string");
        items.putArray("enum").add("option1").add("option2").add("option3");
        ObjectNode titledMulti = p.putObject("titledMulti").put("type", "array").put("description", "Select multiple options with titles").put("minItems", 1).put("maxItems", 3);
        titled(titledMulti.putObject("items").putArray("anyOf"), "value", "First Choice", "Second Choice", "Third Choice");
        return o;
    }

    private static void titled(ArrayNode into, String prefix, String... titles) {
        for (int i = 0; i < titles.length; i++) into.addObject().put("const", prefix + (i + 1)).put("title", titles[i]);
    }
}
