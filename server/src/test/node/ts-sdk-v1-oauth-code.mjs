// The TypeScript SDK v1 client (@modelcontextprotocol/sdk) in the authorization code flow with
// PKCE, headless: its OAuth client provider plays the browser. Given no token, the client gets
// 401, reads the protected resource metadata and the authorization server's metadata, and hands
// the provider an authorization URL; the provider follows it (the test's authorization server
// shows a sign-in page, which the provider submits as the user would) and takes the code from the
// redirect back. finishAuth
// exchanges the code (with the PKCE verifier and the resource, RFC 8707), and a new connection
// lists the tools with the token.
// node ts-sdk-v1-oauth-code.mjs <mcp-url> <client-id> <redirect-url> <fallback-scope or ""> <integration>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { deadline, report } from "./client-checks.mjs";

deadline(60_000);
const [url, clientId, redirectUrl, scope, integration] = process.argv.slice(2);
if (!integration) {
  console.error("usage: node ts-sdk-v1-oauth-code.mjs <mcp-url> <client-id> <redirect-url> <scope> <integration>");
  process.exit(64);
}

/** Every request the client made, in order (never a token). */
const exchanges = [];
const recording = async (input, init) => {
  const response = await fetch(input, init);
  const target = new URL(input instanceof Request ? input.url : String(input));
  exchanges.push({ method: init?.method ?? "GET", path: target.pathname, status: response.status });
  return response;
};

/** An OAuth client provider whose "browser" follows the authorization URL without a window. */
class HeadlessBrowserProvider {
  constructor() {
    this.client = { client_id: clientId };
    this.expectedState = crypto.randomUUID();
  }
  get redirectUrl() {
    return redirectUrl;
  }
  get clientMetadata() {
    return {
      client_name: "actionport-ts-sdk-v1-code",
      redirect_uris: [redirectUrl],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
      ...(scope ? { scope } : {}),
    };
  }
  state() {
    return this.expectedState;
  }
  clientInformation() {
    return this.client;
  }
  saveClientInformation(information) {
    this.client = information;
  }
  tokens() {
    return this.savedTokens;
  }
  saveTokens(tokens) {
    this.savedTokens = tokens;
  }
  saveCodeVerifier(verifier) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
  async redirectToAuthorization(authorizationUrl) {
    this.authorizationUrl = authorizationUrl;
    // The test's authorization server is an OpenID Connect mock that refuses an authorization
    // request without the openid scope; identity providers such as Keycloak do not. The browser
    // adds it and changes nothing else of the request the SDK built.
    const sent = new URL(authorizationUrl);
    const asked = sent.searchParams.get("scope") ?? "";
    sent.searchParams.set("scope", `openid ${asked}`.trim());
    // The sign-in page, then the user signs in as alice and consents to the scope asked for.
    const page = await fetch(sent);
    this.signInPage = page.status;
    const answer = await fetch(sent, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ username: "alice", claims: JSON.stringify({ scope: asked }) }),
      redirect: "manual",
    });
    const location = answer.headers.get("location");
    if (!location) {
      throw new Error(`the authorization server answered ${answer.status} without a redirect: ${await answer.text()}`);
    }
    const back = new URL(location);
    this.redirectedTo = `${back.origin}${back.pathname}`;
    this.returnedState = back.searchParams.get("state");
    this.code = back.searchParams.get("code");
  }
}

const transportFor = (provider) =>
  new StreamableHTTPClientTransport(new URL(url), {
    authProvider: provider,
    fetch: recording,
    requestInit: { headers: { "Provider-Config-Key": integration } },
  });

await report(async () => {
  const provider = new HeadlessBrowserProvider();
  const first = new Client({ name: "actionport-ts-sdk-v1-code", version: "1.0.0" }, { capabilities: {} });
  const firstTransport = transportFor(provider);
  let unauthorized = false;
  try {
    await first.connect(firstTransport);
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
    unauthorized = true;
  }
  if (!provider.code) throw new Error("the authorization server sent no code back");
  if (provider.returnedState !== provider.expectedState) throw new Error("the state came back changed");
  await firstTransport.finishAuth(provider.code);

  const client = new Client({ name: "actionport-ts-sdk-v1-code", version: "1.0.0" }, { capabilities: {} });
  const transport = transportFor(provider);
  await client.connect(transport);
  const { tools } = await client.listTools();
  const asked = provider.authorizationUrl.searchParams;
  const summary = {
    unauthorized,
    authorization: {
      path: provider.authorizationUrl.pathname,
      codeChallengeMethod: asked.get("code_challenge_method"),
      hasCodeChallenge: !!asked.get("code_challenge"),
      resource: asked.get("resource"),
      scope: asked.get("scope"),
    },
    signInPage: provider.signInPage,
    redirectedTo: provider.redirectedTo,
    server: client.getServerVersion()?.name ?? null,
    tokenType: provider.tokens()?.token_type ?? null,
    tools: tools.map((tool) => tool.name),
    exchanges,
  };
  await transport.terminateSession();
  await client.close();
  return summary;
});
