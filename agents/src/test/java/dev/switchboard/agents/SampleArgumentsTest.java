package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Arguments made up from a tool's input schema for the gateway's warm-up: they must pass the schema's common checks. */
class SampleArgumentsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ObjectNode schema(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void forSchema_requiredProperties_eachGetsAValueOfItsType() {
        ObjectNode args = SampleArguments.forSchema(schema("""
                {"type":"object","properties":{"message":{"type":"string","minLength":3},"n":{"type":"integer","minimum":2},
                 "x":{"type":"number","exclusiveMinimum":0},"flag":{"type":"boolean"},"mode":{"enum":["fast","slow"]},
                 "list":{"type":"array","items":{"type":"string"},"minItems":1},"optional":{"type":"string"}},
                 "required":["message","n","x","flag","mode","list"]}"""));
        assertThat(args.toString()).isEqualTo("{\"message\":\"xxx\",\"n\":2,\"x\":1.0,\"flag\":false,\"mode\":\"fast\",\"list\":[\"x\"]}");
    }

    @Test
    void forSchema_nestedObjectsDefaultsAndConsts_areFollowed() {
        ObjectNode args = SampleArguments.forSchema(schema("""
                {"type":"object","required":["inner","c","d","t"],"properties":{
                 "inner":{"type":"object","required":["k"],"properties":{"k":{"type":["null","string"]}}},
                 "c":{"const":42},"d":{"type":"string","default":"dflt"},"t":{"anyOf":[{"type":"integer"},{"type":"string"}]}}}"""));
        assertThat(args.toString()).isEqualTo("{\"inner\":{\"k\":\"x\"},\"c\":42,\"d\":\"dflt\",\"t\":0}");
    }

    @Test
    void forSchema_noRequiredOrOddSchema_givesAnObject() {
        assertThat(SampleArguments.forSchema(schema("{\"type\":\"object\"}"))).isEmpty();
        assertThat(SampleArguments.forSchema(schema("{\"type\":\"object\",\"required\":[\"a\"]}")).toString()).isEqualTo("{\"a\":null}");
    }
}
