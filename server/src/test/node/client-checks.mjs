// What every TypeScript client script does with a connected client, whichever SDK it comes from:
// list the tools, call echo, call bulk-import and follow its result link until the execution ends,
// and call ask-name, which asks the user (an elicitation the script's handler answers).
// The scripts print the returned summary as one JSON line; the Java test asserts on it.

const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

/** The questions the server asked, as the scripts' elicitation handlers saw them. */
export const questions = [];

/** How the scripts answer an elicitation: the user typed "Ada". */
export function answerElicitation(request) {
  questions.push(request.params?.message ?? null);
  return { action: "accept", content: { name: "Ada" } };
}

/** The server URL, key and integration, from the command line: <url> <key> <integration>. */
export function target() {
  const [url, key, integration] = process.argv.slice(2);
  if (!url || !key || !integration) {
    console.error("usage: node <script> <mcp-url> <key> <integration>");
    process.exit(64);
  }
  return {
    url: new URL(url),
    headers: { Authorization: `Bearer ${key}`, "Provider-Config-Key": integration },
  };
}

/** Fails the script, with a JSON line that says why, if it has not finished within `ms`. */
export function deadline(ms) {
  setTimeout(() => {
    console.log(JSON.stringify({ error: `did not finish within ${ms} ms` }));
    process.exit(2);
  }, ms).unref();
}

/** Prints `summary`, or the error as a JSON line, and exits. */
export async function report(run) {
  try {
    console.log(JSON.stringify(await run()));
    process.exit(0);
  } catch (error) {
    console.log(JSON.stringify({ error: String(error?.stack ?? error), code: error?.code, data: error?.data }));
    process.exit(1);
  }
}

/**
 * Runs the checks on `client`; `readOptions` go to every resources/read (a caching client must
 * not answer a poll from its cache).
 */
export async function exercise(client, readOptions = {}) {
  const { tools } = await client.listTools();

  const echo = await client.callTool({ name: "echo", arguments: { message: "hi from node" } });

  const bulk = await client.callTool({
    name: "bulk-import",
    arguments: { batch_id: `node-${process.pid}-${Date.now()}`, issues: [{ title: "a" }, { title: "b" }] },
  });
  const link = bulk.content.find((block) => block.type === "resource_link");
  let execution = null;
  let reads = 0;
  if (link) {
    for (;;) {
      const read = await client.readResource({ uri: link.uri }, readOptions);
      reads++;
      execution = JSON.parse(read.contents[0].text);
      if (FINISHED.has(execution.status)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const asked = await client.callTool({ name: "ask-name", arguments: {} });

  return {
    tools: tools.map((tool) => tool.name),
    elicitation: {
      questions,
      isError: asked.isError ?? false,
      structuredContent: asked.structuredContent ?? null,
    },
    echo: { isError: echo.isError ?? false, structuredContent: echo.structuredContent ?? null },
    bulkImport: {
      isError: bulk.isError ?? false,
      contentTypes: bulk.content.map((block) => block.type),
      link: link?.uri ?? null,
      reads,
      status: execution?.status ?? null,
      output: execution?.output ?? null,
    },
  };
}
