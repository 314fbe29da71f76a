package dev.switchboard.benchmarks;

import dev.switchboard.mcp.JsonSchemas;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tool input validation as {@code tools/call} does it: the {@code add} tool's arguments checked
 * against the JSON Schema generated from its record. Ours ({@code switchboard}) compiles the schema
 * once, at registration, and only validates per call; the peer, {@code compiledPerCall}, compiles
 * the same schema on every call, as a server that keeps schemas as JSON would. Both use our
 * {@link JsonSchemas}, so the difference is the compile alone. Valid and invalid input both, since
 * an invalid call builds the message that names the problem.
 *
 * <pre>
 * ./sb bench schema
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SchemaBenchmark {
    record Add(double a, double b) {}

    @Param({"switchboard", "compiledPerCall"})
    public String impl;

    private JsonNode schema;
    private JsonSchemas.Check compiled;
    private JsonNode valid;
    private JsonNode invalid;

    @Setup
    public void setUp() {
        JsonMapper mapper = JsonMapper.builder().build();
        schema = JsonSchemas.generate(Add.class);
        compiled = JsonSchemas.compile(schema);
        valid = mapper.readTree("{\"a\":2,\"b\":3}");
        invalid = mapper.readTree("{\"a\":\"two\"}");
        if (check().problems(valid) != null) throw new IllegalStateException("valid input refused: " + check().problems(valid));
        if (check().problems(invalid) == null) throw new IllegalStateException("invalid input accepted by " + schema);
    }

    private JsonSchemas.Check check() {
        return impl.equals("switchboard") ? compiled : JsonSchemas.compile(schema);
    }

    @Benchmark
    public String validate() {
        return check().problems(valid);
    }

    @Benchmark
    public String validateInvalid() {
        return check().problems(invalid);
    }
}
