package dev.switchboard.load;

/**
 * Runs one load scenario against an MCP server (Streamable HTTP or stdio) or a plain HTTP
 * endpoint and answers what it measured. Over HTTP it drives a non-blocking Netty client, a few
 * event loops carrying every connection, so the generator costs far less than the server it loads.
 *
 * <pre>{@code
 * LoadResult r = LoadGenerator.run(LoadSpec.of(Scenario.CONCURRENT, URI.create("http://127.0.0.1:8080/mcp")), Progress.NONE);
 * }</pre>
 */
public final class LoadGenerator {
    private LoadGenerator() {}

    /**
     * Runs {@code spec}.
     *
     * @throws IllegalArgumentException when the spec asks for something the target cannot do
     *     (a session scenario over stdio or plain HTTP)
     */
    public static LoadResult run(LoadSpec spec, Progress progress) throws InterruptedException {
        if (spec.stdio() != null) return StdioScenarios.run(spec, progress);
        if (spec.url() == null) throw new IllegalArgumentException("give a target: --url URL or --stdio \"COMMAND\"");
        if ("ws".equals(spec.url().getScheme()) && spec.scenario() == Scenario.FANOUT) return WebSocketFanout.run(spec, progress);
        if (!"http".equals(spec.url().getScheme()))
            throw new IllegalArgumentException("only http:// URLs are supported (the generator measures servers on this machine), got " + spec.url());
        if (spec.httpMethod() != null && !spec.scenario().plainHttp())
            throw new IllegalArgumentException(spec.scenario().label() + " is an MCP scenario; plain HTTP mode runs sequential, concurrent, burst and sustained");
        if (spec.httpMethod() != null && spec.httpMethod().equalsIgnoreCase("HEAD"))
            throw new IllegalArgumentException("HEAD is not supported in plain HTTP mode (its answers have no body to read); use GET");
        if (spec.scenario() == Scenario.ABUSE) return abuse(spec, AbuseSpec.defaults(), progress);
        return HttpScenarios.run(spec, progress);
    }

    /**
     * The {@code abuse} scenario: {@code spec}'s concurrent load alone, then beside {@code abuse}'s
     * abusive clients, with the goals of issue 11 (throughput, p99, errors, server memory) in
     * the result's extra figures as PASS/MISS and {@code goalsMet}. 127.0.0.1 only.
     */
    public static LoadResult abuse(LoadSpec spec, AbuseSpec abuse, Progress progress) throws InterruptedException {
        if (spec.url() == null || !"http".equals(spec.url().getScheme()) || spec.httpMethod() != null)
            throw new IllegalArgumentException("abuse needs an MCP endpoint: --url http://127.0.0.1:PORT/mcp");
        String host = spec.url().getHost();
        if (!host.equals("127.0.0.1") && !host.equals("localhost"))
            throw new IllegalArgumentException("abuse only runs against 127.0.0.1 (its abusers connect there), got " + host);
        return Abuse.run(spec, abuse, progress);
    }
}
