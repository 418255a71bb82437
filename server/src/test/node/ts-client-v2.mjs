// The TypeScript SDK v2 client (@modelcontextprotocol/client), which picks the protocol era by its
// versionNegotiation option, then the checks of client-checks.mjs.
// node ts-client-v2.mjs <mcp-url> <key> <integration> [default|legacy|auto|pin:VERSION]
//   default       no versionNegotiation option at all, which means legacy
//   legacy        a plain 2025 initialize, no probe
//   auto          probes with server/discover; falls back to initialize unless the server is modern
//   pin:VERSION   modern era at exactly VERSION (e.g. pin:2026-07-28); anything else fails
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { answerElicitation, deadline, exercise, report, target } from "./client-checks.mjs";

deadline(60_000);
const { url, headers } = target();
const negotiation = process.argv[5] ?? "default";
const mode = negotiation.startsWith("pin:") ? { pin: negotiation.slice("pin:".length) } : negotiation;
const options = {
  capabilities: { elicitation: {} },
  ...(negotiation === "default" ? {} : { versionNegotiation: { mode } }),
};

await report(async () => {
  const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers } });
  const client = new Client({ name: "actionport-ts-client-v2", version: "1.0.0" }, options);
  // In the legacy era a server request; in the modern one an input_required round the client fulfils.
  client.setRequestHandler("elicitation/create", async (request) => answerElicitation(request));
  await client.connect(transport);
  const summary = {
    sdk: "@modelcontextprotocol/client",
    negotiation,
    era: client.getProtocolEra() ?? null,
    protocolVersion: client.getNegotiatedProtocolVersion() ?? null,
    server: client.getServerVersion()?.name ?? null,
    // Polls must reach the server: a modern result may carry ttlMs, which the client would honour.
    ...(await exercise(client, { cacheMode: "bypass" })),
  };
  await client.close();
  return summary;
});
