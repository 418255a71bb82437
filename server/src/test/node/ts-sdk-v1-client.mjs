// The TypeScript SDK v1 client (@modelcontextprotocol/sdk), which speaks the legacy era only:
// initialize, a session, then the checks of client-checks.mjs.
// node ts-sdk-v1-client.mjs <mcp-url> <key> <integration>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { answerElicitation, deadline, exercise, report, target } from "./client-checks.mjs";

deadline(60_000);
const { url, headers } = target();

await report(async () => {
  const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers } });
  const client = new Client(
    { name: "actionport-ts-sdk-v1", version: "1.0.0" },
    { capabilities: { elicitation: {} } },
  );
  client.setRequestHandler(ElicitRequestSchema, async (request) => answerElicitation(request));
  await client.connect(transport);
  const summary = {
    sdk: "@modelcontextprotocol/sdk",
    era: "legacy",
    protocolVersion: transport.protocolVersion ?? null,
    server: client.getServerVersion()?.name ?? null,
    ...(await exercise(client)),
  };
  await transport.terminateSession();
  await client.close();
  return summary;
});
