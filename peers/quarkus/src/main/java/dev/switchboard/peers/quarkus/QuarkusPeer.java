package dev.switchboard.peers.quarkus;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Quarkus MCP Server as a peer for {@code ./sb compare}: the peer contract's {@code --port N} (else
 * env {@code PORT}, else 0) becomes {@code quarkus.http.port}; once Quarkus has started (the HTTP
 * server bound, the chosen port written back to {@code quarkus.http.port}) it prints
 * {@code LISTENING http://127.0.0.1:PORT/mcp}; SIGTERM stops it through Quarkus' shutdown hook.
 *
 * <pre>java -jar target/quarkus-app/quarkus-run.jar --port 0</pre>
 */
@QuarkusMain
public class QuarkusPeer implements QuarkusApplication {
    public static void main(String... args) {
        System.setProperty("quarkus.http.port", Integer.toString(port(args)));
        Quarkus.run(QuarkusPeer.class, args);
    }

    @Override
    public int run(String... args) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.port", Integer.class);
        System.out.println("LISTENING http://127.0.0.1:" + port + "/mcp");
        System.out.flush();
        Quarkus.waitForExit();
        return 0;
    }

    static int port(String[] args) {
        String value = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) value = args[i + 1];
            else if (args[i].startsWith("--port=")) value = args[i].substring("--port=".length());
        }
        if (value == null) value = System.getenv().getOrDefault("PORT", "0");
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65_535) throw new NumberFormatException();
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a port number 0-65535, got '" + value + "'");
        }
    }
}
