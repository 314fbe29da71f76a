#!/usr/bin/env node
// The official TypeScript SDK client's standalone GET stream outliving the Switchboard node that
// held it: connect through the balancer, subscribe, print the "subscribed" step, wait for a line
// "killed" on stdin (the test stopped the node holding the stream), then call tools (landing on the
// survivors) until a resource update arrives on the reopened stream.
//
// Usage: ts-client-resume.mjs URL
// Prints one JSON line per step and a summary; exits 1 when a step failed.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { check, finish, sleep, step } from './steps.mjs';
import { CallToolResultSchema, ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { createInterface } from 'node:readline';

const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: ts-client-resume.mjs URL\n');
  process.exit(2);
}
const requestOptions = { timeout: 20000 };

// the SDK reopens a broken GET stream after a delay, with Last-Event-ID; short delays keep the test short
const transport = new StreamableHTTPClientTransport(new URL(url), {
  reconnectionOptions: { initialReconnectionDelay: 200, maxReconnectionDelay: 2000, reconnectionDelayGrowFactor: 1.5, maxRetries: 10 }
});
const client = new Client({ name: 'switchboard-ts-client-resume', version: '0.1.0' }, { capabilities: {} });
const updated = [];
client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => updated.push(n.params.uri));
const stdin = createInterface({ input: process.stdin });
const killed = new Promise((resolve) => stdin.on('line', (l) => l.trim() === 'killed' && resolve()));

if (await step('connect', async () => {
  await client.connect(transport);
})) {
  await step('subscribed', async () => {
    await client.subscribeResource({ uri: 'test://watched-resource' }, requestOptions);
    await sleep(300); // the SDK opens its GET stream after initialization
  });
  await step('update after the holder stopped', async () => {
    const waitForKill = await Promise.race([killed.then(() => true), sleep(30000).then(() => false)]);
    check(waitForKill, 'the test never said "killed"');
    for (let waited = 0; updated.length === 0 && waited < 30000; waited += 500) {
      try {
        await client.callTool({ name: 'test_trigger_resource_update', arguments: {} }, CallToolResultSchema, requestOptions);
      } catch (e) {
        // a call routed while the balancer still tried the stopped node: the next one goes elsewhere
      }
      await sleep(500);
    }
    check(updated.includes('test://watched-resource'), `no update arrived after the holder stopped (got ${JSON.stringify(updated)})`);
    return { updates: updated.length };
  });
}
stdin.close();
await client.close().catch(() => {});
finish();
