package dev.switchboard.peers.spring;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Spring AI's MCP server (Web MVC starter, Streamable HTTP) as a peer for {@code ./sb compare}: the
 * peer contract's {@code --port N} (else env {@code PORT}, else 0) becomes {@code server.port}; when
 * Tomcat has bound it prints {@code LISTENING http://127.0.0.1:PORT/mcp}; SIGTERM stops it through
 * Spring Boot's shutdown hook.
 *
 * <pre>java -jar target/peer-spring.jar --port 0</pre>
 */
@SpringBootApplication
public class SpringPeer {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(SpringPeer.class);
        app.addListeners((ApplicationListener<WebServerInitializedEvent>) event -> {
            System.out.println("LISTENING http://127.0.0.1:" + event.getWebServer().getPort() + "/mcp");
            System.out.flush();
        });
        app.run(springArgs(args));
    }

    /** {@code --port N} / {@code --port=N} / env {@code PORT} as Spring's {@code --server.port=N}; other arguments pass through. */
    static String[] springArgs(String[] args) {
        List<String> out = new ArrayList<>();
        String port = System.getenv().getOrDefault("PORT", "0");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) port = args[++i];
            else if (args[i].startsWith("--port=")) port = args[i].substring("--port=".length());
            else out.add(args[i]);
        }
        try {
            int n = Integer.parseInt(port.trim());
            if (n < 0 || n > 65_535) throw new NumberFormatException();
            out.add("--server.port=" + n);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a port number 0-65535, got '" + port + "'");
        }
        return out.toArray(String[]::new);
    }
}
