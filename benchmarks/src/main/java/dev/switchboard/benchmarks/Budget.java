package dev.switchboard.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How long one operation may take, as a demanding user of an MCP runtime would expect, judged PASS
 * or FAIL on our figure after a bench run. The budgets are stated in {@code docs/benchmarks.md};
 * a run prints the ones whose benchmark it measured. They are printed, not enforced: the
 * regression gate ({@code --compare}) is what fails a build, against figures from the same machine.
 *
 * @param operation what is measured, in words
 * @param benchmark {@code Class.method} that measures it (ours: {@code impl=switchboard} or no {@code impl})
 * @param limitNanos the budget, in nanoseconds per operation
 */
record Budget(String operation, String benchmark, double limitNanos) {

    static final List<Budget> ALL = List.of(
            new Budget("JSON decode of a small message (a tools/call request)", "CodecBenchmark.decode", 2_000),
            new Budget("JSON encode of a small message (a tools/call text result)", "CodecBenchmark.encode", 2_000),
            new Budget("schema validation of a tool's input", "SchemaBenchmark.validate", 2_000),
            new Budget("simple tool call in process (decode, dispatch, validate, handler, encode)", "McpCallBenchmark.toolCall", 20_000),
            new Budget("resource read in process", "McpCallBenchmark.resourceRead", 20_000),
            new Budget("registry lookup of a tool by name", "RegistryBenchmark.toolLookup", 100));

    /** One line per row of {@link #benchmark} in {@code table}: {@code PASS}/{@code FAIL}, the figure and the budget. */
    List<String> judge(ResultTable table) {
        List<String> out = new ArrayList<>();
        for (ResultTable.Row row : table.rowsOf(benchmark)) {
            String where = row.params().isEmpty() ? "" : " [" + row.params() + "]";
            if (row.ours() == null) {
                out.add(String.format(Locale.ROOT, "-     %s%s: no score for us", operation, where));
                continue;
            }
            double nanos = nanos(row.ours().value(), row.unit());
            out.add(String.format(Locale.ROOT, "%-5s %s%s: %s, budget %s", nanos < limitNanos ? "PASS" : "FAIL", operation, where,
                    duration(nanos), duration(limitNanos)));
        }
        return out;
    }

    /** The budgets whose benchmark {@code table} has, judged; empty when none. */
    static List<String> judgeAll(ResultTable table) {
        return ALL.stream().flatMap(b -> b.judge(table).stream()).toList();
    }

    static double nanos(double value, String unit) {
        return switch (unit) {
            case "ns/op" -> value;
            case "us/op" -> value * 1e3;
            case "ms/op" -> value * 1e6;
            case "s/op" -> value * 1e9;
            default -> throw new IllegalArgumentException("a budget needs a time per operation, the benchmark reports " + unit);
        };
    }

    static String duration(double nanos) {
        return nanos >= 1_000 ? ResultTable.number(nanos / 1_000) + " µs" : ResultTable.number(nanos) + " ns";
    }
}
