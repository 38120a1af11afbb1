/**
 * One server of the "server" bench section, in its own process (autocannon drives it from the bench's):
 *   node bench/server-process.mjs <ours-node|ours-web|fastify|bare> <transpiled lumyri src> <fixture.json>
 * Prints `listening <port>` once ready, and `cpu <µs>` (user + system CPU time used so far, process.cpuUsage)
 * for each `cpu` line read on stdin, so the bench can charge each round's CPU time to its requests. All answer
 * POST /users/customers (lumyri's createCustomer) with the same reply; ours-node, ours-web and fastify
 * require a bearer token and x-app-id and validate the JSON body against the same JSON Schema. `bare` (by
 * hand only, not in the section) checks only that both headers are present and the body is a JSON object,
 * without routing, security hooks or schema validation: the floor under the others.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [kind, dir, fixtureFile] = process.argv.slice(2);
const fixture = JSON.parse(readFileSync(fixtureFile, "utf8"));

async function ours(web) {
  const server = await import(pathToFileURL(path.join(dir, "server.js")).href);
  const handler = server.createHandler(
    // The mock answers the operations the bench never calls (createHandler wants every one).
    { ...server.createMockHandlers(), createCustomer: () => ({ status: 200, body: fixture.reply }) },
    { security: { bearerAuth: (token) => (token ? { token } : null), appId: (id) => id } },
  );
  // ours-web: the same handler as a plain Web handler, bridged through Request and Response.
  return createServer(server.toNodeListener(web ? (request) => handler(request) : handler));
}

async function fastify() {
  const Fastify = (await import("fastify")).default;
  const app = Fastify({ logger: false });
  // The spec is JSON Schema 2020-12 (prefixItems): Fastify's own ajv options, with ajv's 2020 dialect and formats.
  const Ajv2020 = (await import("ajv/dist/2020.js")).default;
  const addFormats = (await import("ajv-formats")).default;
  const ajv = new Ajv2020({ coerceTypes: "array", useDefaults: true, removeAdditional: true, allErrors: false });
  addFormats(ajv);
  app.setValidatorCompiler(({ schema }) => ajv.compile(schema));
  app.post(
    "/users/customers",
    {
      schema: { body: fixture.schema },
      preHandler: (request, reply, done) => {
        const auth = request.headers.authorization;
        if (!auth || !/^Bearer ./i.test(auth) || !request.headers["x-app-id"]) return reply.code(401).header("www-authenticate", "Bearer").send({ error: "unauthorized" });
        done();
      },
    },
    async () => fixture.reply,
  );
  await app.ready();
  return app.server;
}

/**
 * Not one of the section's servers: the floor a framework stands on, for measuring by hand (bench/README.md,
 * "The floor"). The body read with data/end, JSON.parse, the two credentials looked at, the reply written;
 * no routing, security hooks, validation or limits.
 */
function bare() {
  return createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      if (!req.headers.authorization || !req.headers["x-app-id"]) {
        res.writeHead(401);
        res.end();
        return;
      }
      let value;
      try {
        value = JSON.parse(Buffer.concat(chunks).toString());
      } catch {
        value = undefined;
      }
      if (value === null || typeof value !== "object") {
        res.writeHead(400);
        res.end();
        return;
      }
      const body = JSON.stringify(fixture.reply);
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
  });
}

const server = kind === "fastify" ? await fastify() : kind === "bare" ? bare() : await ours(kind === "ours-web");
server.listen(0, "127.0.0.1", () => process.stdout.write(`listening ${server.address().port}\n`));
process.stdin.setEncoding("utf8").on("data", (d) => {
  for (const line of d.split("\n")) {
    if (line.trim() !== "cpu") continue;
    const { user, system } = process.cpuUsage();
    process.stdout.write(`cpu ${user + system}\n`);
  }
});
// The bench closes stdin when it is done: leave then, whatever else is open.
process.stdin.on("end", () => process.exit(0));
