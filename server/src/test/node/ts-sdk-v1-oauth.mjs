// The TypeScript SDK v1 client (@modelcontextprotocol/sdk) with its OAuth client provider for the
// client_credentials grant, given no token: its first request gets 401, it reads the protected
// resource metadata the challenge names, fetches the authorization server's metadata, asks the
// token endpoint for a token for this resource (RFC 8707), and lists the tools with it.
// node ts-sdk-v1-oauth.mjs <mcp-url> <issuer-url> <client-id> <client-secret> <scope> <integration>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ClientCredentialsProvider } from "@modelcontextprotocol/sdk/client/auth-extensions.js";
import { deadline, report } from "./client-checks.mjs";

deadline(60_000);
const [url, issuer, clientId, clientSecret, scope, integration] = process.argv.slice(2);
if (!integration) {
  console.error("usage: node ts-sdk-v1-oauth.mjs <mcp-url> <issuer-url> <client-id> <client-secret> <scope> <integration>");
  process.exit(64);
}

/** Every request the client made, in order: where to and what came back (never a token). */
const exchanges = [];
const recording = async (input, init) => {
  const response = await fetch(input, init);
  const target = new URL(input instanceof Request ? input.url : String(input));
  exchanges.push({
    method: init?.method ?? (input instanceof Request ? input.method : "GET"),
    path: target.pathname,
    status: response.status,
    challenge: response.headers.get("www-authenticate"),
  });
  return response;
};

await report(async () => {
  const provider = new ClientCredentialsProvider({ clientId, clientSecret, scope, expectedIssuer: issuer });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    authProvider: provider,
    fetch: recording,
    requestInit: { headers: { "Provider-Config-Key": integration } },
  });
  const client = new Client({ name: "actionport-ts-sdk-v1-oauth", version: "1.0.0" }, { capabilities: {} });
  await client.connect(transport);
  const { tools } = await client.listTools();
  const summary = {
    sdk: "@modelcontextprotocol/sdk",
    server: client.getServerVersion()?.name ?? null,
    tokenType: provider.tokens()?.token_type ?? null,
    tools: tools.map((tool) => tool.name),
    exchanges,
  };
  await transport.terminateSession();
  await client.close();
  return summary;
});
