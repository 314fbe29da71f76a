#!/usr/bin/env node
// The official TypeScript SDK client in a Switchboard cluster: behind a balancer that sends each
// request to the next node, one session-era conversation against the everything example
// (initialize, list, call, call with progress, subscribe + an update triggered by a tool call on
// whichever node it lands, and sampling: the tool call that asks holds its POST on one node while
// the client's answer goes out as a new POST, to another node).
//
// Usage: ts-client-cluster.mjs URL
// Prints one JSON line per step and a summary; exits 1 when a step failed.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { check, finish, sleep, step } from './steps.mjs';
import {
  CallToolResultSchema,
  CreateMessageRequestSchema,
  ResourceUpdatedNotificationSchema
} from '@modelcontextprotocol/sdk/types.js';

const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: ts-client-cluster.mjs URL\n');
  process.exit(2);
}
const requestOptions = { timeout: 20000 };

const transport = new StreamableHTTPClientTransport(new URL(url));
const client = new Client({ name: 'switchboard-ts-client-cluster', version: '0.1.0' }, { capabilities: { sampling: {} } });
let sampled = 0;
client.setRequestHandler(CreateMessageRequestSchema, async () => {
  sampled++;
  return { role: 'assistant', content: { type: 'text', text: 'answered by the TypeScript client' }, model: 'ts-model' };
});
const updated = [];
client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => updated.push(n.params.uri));

const text = (result) => {
  check(result.isError !== true, `tool returned isError: ${JSON.stringify(result.content)}`);
  return result.content?.find((c) => c.type === 'text')?.text;
};
const call = (name, args, options = requestOptions) => client.callTool({ name, arguments: args }, CallToolResultSchema, options);

if (await step('connect', async () => {
  await client.connect(transport);
  return { protocolVersion: transport.protocolVersion, sessionId: transport.sessionId };
})) {
  await step('tools/list', async () => {
    const { tools } = await client.listTools({}, requestOptions);
    for (const t of ['add', 'test_tool_with_progress', 'test_sampling', 'test_trigger_resource_update'])
      check(tools.some((x) => x.name === t), `tools/list lacks ${t}`);
    return { count: tools.length };
  });
  await step('tools/call add x6', async () => {
    for (let i = 0; i < 6; i++) { // two laps of the three nodes
      const t = text(await call('add', { a: i, b: 1 }));
      check(t === String(i + 1), `add ${i}+1 answered ${t}`);
    }
  });
  await step('tools/call progress', async () => {
    const progress = [];
    text(await call('test_tool_with_progress', {}, { ...requestOptions, onprogress: (p) => progress.push(p.progress) }));
    check(progress.length >= 3, `expected 3 progress notifications, got ${progress.length}`);
    return { progress };
  });
  await step('resources/subscribe+updated', async () => {
    await client.subscribeResource({ uri: 'test://watched-resource' }, requestOptions);
    await sleep(500); // every node has heard of the subscription (KV watch)
    const before = updated.length;
    // three calls land on three nodes: at least one is not the node holding the GET stream
    for (let i = 0; i < 3; i++) await call('test_trigger_resource_update', {});
    for (let waited = 0; updated.length < before + 3 && waited < 10000; waited += 100) await sleep(100);
    check(updated.length >= before + 3, `expected at least 3 updates, got ${updated.length - before}`);
    await client.unsubscribeResource({ uri: 'test://watched-resource' }, requestOptions);
    return { updates: updated.length - before };
  });
  await step('sampling across nodes', async () => {
    for (let i = 0; i < 3; i++) {
      const t = text(await call('test_sampling', { prompt: `question ${i}` }));
      check(t === 'LLM response: answered by the TypeScript client', `test_sampling answered ${JSON.stringify(t)}`);
    }
    check(sampled === 3, `the client was asked ${sampled} times, not 3`);
    return { sampled };
  });
}
try {
  if (transport.sessionId) await transport.terminateSession();
  await client.close();
} catch {
  // best effort; the verdict is already decided
}
finish();
