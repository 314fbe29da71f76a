package dev.switchboard.peers;

import java.math.BigDecimal;

/** The peer contract's command line: {@code --port N} (0 for any free port), else env {@code PORT}, else 0. */
final class PeerArgs {
    private PeerArgs() {}

    static int port(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port")) {
                if (i + 1 == args.length) throw new IllegalArgumentException("--port needs a value");
                return parse(args[i + 1], "--port");
            }
            if (args[i].startsWith("--port=")) return parse(args[i].substring("--port=".length()), "--port");
        }
        String env = System.getenv("PORT");
        return env == null || env.isBlank() ? 0 : parse(env, "PORT");
    }

    private static int parse(String value, String source) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65_535) throw new NumberFormatException();
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " must be a port number 0-65535, got '" + value + "'");
        }
    }

    /** A sum written as people write it ({@code 5}, not {@code 5.0}), the same text our demo's add answers. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) return Double.toString(value);
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
