package dev.switchboard.cli;

import dev.switchboard.load.FloorCheck;
import dev.switchboard.load.FloorServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the Netty floor: a fixed JSON-RPC result for every POST, the ceiling no MCP server can pass. */
@Command(name = "floor", mixinStandardHelpOptions = true, description = "Run the plain Netty floor server (a fixed tools/call result for any POST); prints LISTENING URL. "
        + "With --check: load it with sb load and with wrk in turn and print both rates.",
        footer = {"", "Examples:", "  ./sb floor --port 0", "  ./sb floor --check --duration 10s -c 50"})
final class FloorCommand implements Callable<Integer> {
    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8090;

    @Option(names = "--check", description = "Show the generator is not the bottleneck: sb load and wrk against the floor, alternately.")
    boolean check;

    @Option(names = {"-d", "--duration"}, converter = DurationConverter.class, description = "With --check: each run's length (default: 10s).")
    Duration duration = Duration.ofSeconds(10);

    @Option(names = {"-c", "--connections"}, description = "With --check: connections (default: ${DEFAULT-VALUE}).")
    int connections = 50;

    @Option(names = "--rounds", description = "With --check: rounds (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Override
    public Integer call() throws Exception {
        if (check) {
            FloorCheck.run(Path.of(System.getProperty("sb.root", System.getProperty("user.dir"))), connections, duration, rounds, System.out);
            return 0;
        }
        try (FloorServer floor = FloorServer.start(host, port)) {
            Runtime.getRuntime().addShutdownHook(new Thread(floor::close));
            System.out.println("LISTENING http://" + host + ":" + floor.port() + "/mcp");
            System.out.flush();
            floor.awaitClose();
        }
        return 0;
    }
}
