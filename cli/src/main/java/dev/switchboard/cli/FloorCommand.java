package dev.switchboard.cli;

import dev.switchboard.load.FloorServer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the Netty floor: a fixed JSON-RPC result for every POST, the ceiling no MCP server can pass. */
@Command(name = "floor", description = "Run the plain Netty floor server (a fixed tools/call result for any POST); prints LISTENING URL.")
final class FloorCommand implements Callable<Integer> {
    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port = 8090;

    @Override
    public Integer call() throws Exception {
        try (FloorServer floor = FloorServer.start(host, port)) {
            Runtime.getRuntime().addShutdownHook(new Thread(floor::close));
            System.out.println("LISTENING http://" + host + ":" + floor.port() + "/mcp");
            System.out.flush();
            floor.awaitClose();
        }
        return 0;
    }
}
