#!/usr/bin/env node
// The official MCP TypeScript SDK client's OAuth support, headless, against a
// Switchboard server that requires tokens: the first connect gets 401, the SDK
// discovers the authorization server through our RFC 9728 document, sends the
// browser to the authorize URL (here: a fetch that does not follow the
// redirect, since mock-oauth2-server answers without an interactive login),
// and the code it hands back is exchanged for a token (PKCE, RFC 8707
// resource). The second connect carries the token and calls a tool.
//
// Usage: ts-client-oauth.mjs MCP_URL TOOL
// Output: one JSON line {"ok":true,"text":...,"steps":[...]} or {"ok":false,"error":...}.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';

const [url, tool] = process.argv.slice(2);
const steps = [];
const REDIRECT = 'http://127.0.0.1:1/callback';
let code;

const provider = {
  held: {},
  get redirectUrl() { return REDIRECT; },
  get clientMetadata() {
    return { client_name: 'switchboard-interop', redirect_uris: [REDIRECT], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'none', scope: 'openid' };
  },
  clientInformation() { return { client_id: 'ts-client' }; },
  tokens() { return this.held.tokens; },
  saveTokens(t) { this.held.tokens = t; steps.push('tokens'); },
  saveCodeVerifier(v) { this.held.verifier = v; },
  codeVerifier() { return this.held.verifier; },
  async redirectToAuthorization(authorizationUrl) {
    steps.push('authorize ' + authorizationUrl.origin + authorizationUrl.pathname);
    const r = await fetch(authorizationUrl, { redirect: 'manual' });
    const location = r.headers.get('location');
    if (!location) throw new Error('authorize answered ' + r.status + ' without a redirect: ' + (await r.text()).slice(0, 300));
    code = new URL(location).searchParams.get('code');
    steps.push('code');
  },
};

try {
  const first = new Client({ name: 'ts-oauth', version: '1.0.0' });
  try {
    await first.connect(new StreamableHTTPClientTransport(new URL(url), { authProvider: provider }));
    throw new Error('connected without a token');
  } catch (e) {
    if (!(e instanceof UnauthorizedError)) throw e;
    steps.push('401');
  }
  const transport = new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
  await transport.finishAuth(code);
  const client = new Client({ name: 'ts-oauth', version: '1.0.0' });
  await client.connect(transport);
  steps.push('connected');
  const result = await client.callTool({ name: tool, arguments: {} });
  console.log(JSON.stringify({ ok: true, text: result.content[0].text, steps }));
  await client.close();
  process.exit(0);
} catch (e) {
  console.log(JSON.stringify({ ok: false, error: String(e && e.stack || e), steps }));
  process.exit(1);
}
