package dev.switchboard.peers;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

// The SDK serves each era with its own servlet and has no router between them; a POST that names
// the 2026-07-28 revision in MCP-Protocol-Version (what a stateless client sends on every request)
// goes to the modern one, everything else (initialize, session traffic) to the session-era one.
final class ByEra extends HttpServlet {
    static final String MODERN = "2026-07-28";
    private final HttpServlet sessions;
    private final HttpServlet modern;

    ByEra(HttpServlet sessions, HttpServlet modern) {
        this.sessions = sessions;
        this.modern = modern;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        sessions.init(config);
        modern.init(config);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        (MODERN.equals(request.getHeader("MCP-Protocol-Version")) ? modern : sessions).service(request, response);
    }

    @Override
    public void destroy() {
        sessions.destroy();
        modern.destroy();
    }
}
