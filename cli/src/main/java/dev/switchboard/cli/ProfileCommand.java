package dev.switchboard.cli;

import dev.switchboard.load.LoadSpec;
import dev.switchboard.load.ProfileRun;
import dev.switchboard.load.Scenario;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs a load scenario against our server under JDK Flight Recorder and draws the server's flame graph. */
@Command(name = "profile", mixinStandardHelpOptions = true, description = "Start Switchboard, run a load scenario against it under JDK Flight Recorder, write the server's flame graph (SVG).",
        footer = {"", "Examples:", "  ./sb profile", "  ./sb profile churn -d 10s -c 20", "  ./sb profile concurrent --tool echo --args '{\"text\":\"hi\"}'"})
final class ProfileCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO", completionCandidates = LoadCommand.ScenarioNames.class,
            description = "The scenario (default: concurrent): ${COMPLETION-CANDIDATES}.")
    String scenario = "concurrent";

    @Option(names = "--tool", description = "The tool to call (default: ${DEFAULT-VALUE}).")
    String tool = "add";

    @Option(names = "--args", description = "The tool's arguments (default: ${DEFAULT-VALUE}).")
    String arguments = "{\"a\":1,\"b\":2}";

    @Option(names = {"-c", "--connections"}, description = "Connections (default: ${DEFAULT-VALUE}).")
    int connections = 50;

    @Option(names = {"-d", "--duration"}, converter = DurationConverter.class, description = "How long to record (default: 10s).")
    Duration duration = Duration.ofSeconds(10);

    @Option(names = "--rate", description = "Rate for sustained (default: ${DEFAULT-VALUE}).")
    double rate = 2_000;

    @Option(names = "--out", description = "Folder for server.jfr and flame.svg (default: target/profile).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Scenario s;
        try {
            s = Scenario.named(scenario);
        } catch (IllegalArgumentException e) {
            System.err.println("sb profile: " + e.getMessage());
            return 2;
        }
        Path root = Path.of(System.getProperty("sb.root", System.getProperty("user.dir")));
        LoadSpec d = LoadSpec.of(s, URI.create("http://127.0.0.1/"));
        LoadSpec spec = new LoadSpec(s, d.url(), null, null, null, tool, arguments, Integer.MAX_VALUE, connections, d.burst(), d.minSuccess(), rate, duration,
                d.sessions(), d.sourceAddresses(), d.hold(), d.subscribers(), d.hz(), d.resource(), d.triggerTool(), 0, d.timeout(), 0, d.eventLoops());
        ProfileRun.run(root, spec, out != null ? out : root.resolve("target/profile"), System.out);
        return 0;
    }
}
