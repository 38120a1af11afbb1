/**
 * Form fields sent as their Encoding Objects say (fixture `form-encoding`, Stripe-shaped): `deepObject` in bracket
 * notation (`metadata[order_id]=6735&items[0][price]=p`), delimited lists, `allowReserved`. The client's exact wire
 * text; the generated server reading it back over 127.0.0.1, hostile input included; and client to server end to end.
 */
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFormEncodingClient } from "../fixtures/form-encoding/generated/src/client.js";
import { createHandler, createMockHandlers, toExpressMiddleware, toNodeListener, type FormEncodingHandlers } from "../fixtures/form-encoding/generated/src/server.js";
import { json, listen, raw, type Listening } from "./helpers.js";

type Sent = { url: string; contentType: string | undefined; body: unknown };

/** A client whose fetch records what it would send and answers `{ id }`. */
function recordingClient(): { client: ReturnType<typeof createFormEncodingClient>; sent: Sent[] } {
  const sent: Sent[] = [];
  const client = createFormEncodingClient({
    baseUrl: "http://127.0.0.1:1",
    retry: false,
    fetch: async (url, init) => {
      sent.push({ url, contentType: (init.headers as Record<string, string>)["content-type"], body: init.body });
      return new Response(JSON.stringify({ id: "cs_1" }), { headers: { "content-type": "application/json" } });
    },
  });
  return { client, sent };
}

describe("client: form fields by their encoding, the exact wire text", () => {
  const cases: { name: string; given: Record<string, unknown>; want: string }[] = [
    {
      name: "deepObject: an object's members in brackets, a list of objects by index (Stripe's notation)",
      given: { mode: "payment", metadata: { order_id: "6735" }, items: [{ price: "price_1", quantity: 2 }] },
      want: "mode=payment&metadata[order_id]=6735&items[0][price]=price_1&items[0][quantity]=2",
    },
    {
      name: "deepObject nests to any depth; booleans and numbers as their text; a list of strings by index",
      given: { mode: "payment", shipping: { address: { line1: "1 Main St" }, rate: 1.5 }, items: [{ price: "p", adjustable: false, tax_rates: ["txr_1", "txr_2"] }], expand: ["customer", "line_items"] },
      want: "mode=payment&shipping[address][line1]=1+Main+St&shipping[rate]=1.5&items[0][price]=p&items[0][adjustable]=false&items[0][tax_rates][0]=txr_1&items[0][tax_rates][1]=txr_2&expand[0]=customer&expand[1]=line_items",
    },
    {
      name: "deepObject: null and undefined members are left out, and so are empty objects and lists (as qs does); \"\" is sent",
      given: { mode: "payment", metadata: { a: null, b: undefined, c: "" }, shipping: { address: {} }, expand: [] },
      want: "mode=payment&metadata[c]=",
    },
    {
      name: "deepObject: a member's name is form-escaped, brackets in it too; the brackets around it stay literal",
      given: { mode: "payment", metadata: { "a b&c=d": "x/y", "k[1]": "é" } },
      want: "mode=payment&metadata[a+b%26c%3Dd]=x%2Fy&metadata[k%5B1%5D]=%C3%A9",
    },
    {
      name: "deepObject: a field sent as a plain value (Stripe's \"\" to clear metadata) is name=value",
      given: { mode: "payment", metadata: "" },
      want: "mode=payment&metadata=",
    },
    {
      name: "form without explode joins a list with commas, pipeDelimited with |, form with explode repeats the name",
      given: { mode: "payment", tags: ["a", "b,c"], codes: [1, 2], labels: ["x", "y"] },
      want: "mode=payment&tags=a%2Cb%2Cc&codes=1%7C2&labels=x&labels=y",
    },
    {
      name: "allowReserved keeps reserved characters but those that shape the form",
      given: { mode: "payment", note: "a/b:c?d@e[f]$,;&g=h+i#j k" },
      want: "mode=payment&note=a/b:c?d@e[f]$,;%26g%3Dh%2Bi%23j+k",
    },
    {
      name: "an object with style form, explode false is its names and values in turn (`color=R,100,G,200`), pipeDelimited with |",
      given: { mode: "payment", color: { R: 100, G: 200, name: "sky blue", B: undefined }, dims: { w: 1.5, h: 2 } },
      want: "mode=payment&color=R%2C100%2CG%2C200%2Cname%2Csky+blue&dims=w%7C1.5%7Ch%7C2",
    },
    {
      name: "a field without an encoding entry keeps today's default: an object as its JSON text",
      given: { mode: "payment", settings: { theme: "dark" } },
      want: "mode=payment&settings=%7B%22theme%22%3A%22dark%22%7D",
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { client, sent } = recordingClient();
      await client.postCheckoutSessions({ body: c.given as never });
      expect(sent[0]!.contentType).toBe("application/x-www-form-urlencoded");
      expect(sent[0]!.body).toBe(c.want);
      // the default escaping is the WHATWG form serializer's (as URLSearchParams writes it), brackets aside
      if (!c.name.startsWith("allowReserved")) expect((sent[0]!.body as string).replace(/\[/g, "%5B").replace(/\]/g, "%5D")).toBe(new URLSearchParams(c.want).toString());
    });
  }

  it("multipart: a deepObject field's members are parts named in bracket notation", async () => {
    const { client, sent } = recordingClient();
    const file = new File(["%PDF"], "a.pdf", { type: "application/pdf" });
    await client.postFiles({ body: { file, purpose: "dispute_evidence", expand: ["link"], file_link_data: { create: true, expires_at: 1700000000, metadata: { k: "v" } } } });
    const parts = [...(sent[0]!.body as FormData)].map(([name, value]) => [name, typeof value === "string" ? value : "(file)"]);
    expect(parts).toEqual([["file", "(file)"], ["purpose", "dispute_evidence"], ["expand[0]", "link"], ["file_link_data[create]", "true"], ["file_link_data[expires_at]", "1700000000"], ["file_link_data[metadata][k]", "v"]]);
  });
});

describe("server: deepObject fields read back from bracket notation", () => {
  let server: Listening;
  const bodies: unknown[] = [];
  beforeAll(async () => {
    const handlers: FormEncodingHandlers = {
      postCheckoutSessions: ({ body }) => {
        bodies.push(body);
        return { status: 200, body: { id: "cs_1" } };
      },
      postFiles: ({ body }) => {
        bodies.push(body);
        return { status: 200, body: { id: "file_1" } };
      },
    };
    server = await listen(toNodeListener(createHandler(handlers, { validateResponses: true, maxDepth: 8 })) as never);
  });
  afterAll(() => server.close());

  const post = (body: string) => raw(server.port, "POST", "/v1/checkout/sessions", { "content-type": "application/x-www-form-urlencoded" }, body);
  const problems = async (body: string) => {
    const reply = await post(body);
    expect(reply.status).toBe(400);
    return (json(reply).errors as { pointer: string; detail: string }[]).map((e) => `${e.pointer} ${e.detail}`);
  };

  it("Stripe's wire text, brackets literal or escaped, texts typed by the schema", async () => {
    for (const text of [
      "mode=payment&metadata[order_id]=6735&items[0][price]=price_1&items[0][quantity]=2&items[0][adjustable]=true&items[1][price]=price_2&items[0][tax_rates][0]=txr&expand[0]=customer&shipping[address][line1]=1+Main&shipping[rate]=2.5",
      "mode=payment&metadata%5Border_id%5D=6735&items%5B0%5D%5Bprice%5D=price_1&items%5B0%5D%5Bquantity%5D=2&items%5B0%5D%5Badjustable%5D=true&items%5B1%5D%5Bprice%5D=price_2&items%5B0%5D%5Btax_rates%5D%5B0%5D=txr&expand%5B0%5D=customer&shipping%5Baddress%5D%5Bline1%5D=1+Main&shipping%5Brate%5D=2.5",
    ]) {
      const reply = await post(text);
      expect(reply.status, reply.body).toBe(200);
      expect(bodies.at(-1)).toEqual({
        mode: "payment",
        metadata: { order_id: "6735" },
        items: [{ price: "price_1", quantity: 2, adjustable: true, tax_rates: ["txr"] }, { price: "price_2" }],
        expand: ["customer"],
        shipping: { address: { line1: "1 Main" }, rate: 2.5 },
      });
    }
  });

  it("[] appends, a list sent by its plain name repeats it, indexes are compacted in order, a numeric key of an object is a key", async () => {
    expect((await post("mode=payment&expand[]=a&expand[]=b&items[3][price]=p3&items[1][price]=p1&metadata[0]=zero")).status).toBe(200);
    expect(bodies.at(-1)).toEqual({ mode: "payment", expand: ["a", "b"], items: [{ price: "p1" }, { price: "p3" }], metadata: { "0": "zero" } });
    expect((await post("mode=payment&expand=a&expand=b&metadata=")).status).toBe(200);
    expect(bodies.at(-1)).toEqual({ mode: "payment", expand: ["a", "b"], metadata: "" });
  });

  it("a member name's brackets that pair up are its own, as the client sends them escaped or others literally (form names are decoded first)", async () => {
    const { client, sent } = recordingClient();
    await client.postCheckoutSessions({ body: { mode: "payment", metadata: { "k[1]": "x", "a[b][c]": "y" } } as never });
    expect((await post(sent[0]!.body as string)).status).toBe(200);
    expect(bodies.at(-1)).toEqual({ mode: "payment", metadata: { "k[1]": "x", "a[b][c]": "y" } });
    expect((await post("mode=payment&metadata[k[2]]=z")).status).toBe(200);
    expect(bodies.at(-1)).toEqual({ mode: "payment", metadata: { "k[2]": "z" } });
    expect(await problems("mode=payment&metadata[a]]=1")).toEqual(["/body/metadata has a malformed member name 'metadata[a]]': each member is a [name] or an [index]"]);
  });

  it("a member name with a lone [ reads back: where brackets do not pair up, a name ends at its first ] (client to server, both media)", async () => {
    const client = createFormEncodingClient({ baseUrl: server.url, retry: false });
    const metadata = { "[a": "1", "x[": "2", "[[": "3", "a[b": "4", "[": "5", "k[1]": "6", "[x]": "7", "[a][b]": "8" };
    await client.postCheckoutSessions({ body: { mode: "payment", metadata } });
    expect(bodies.at(-1)).toEqual({ mode: "payment", metadata });
    // a lone [ before a member of its own (file_link_data[[a][...]): multipart's names are not escaped at all
    await client.postFiles({ body: { file: new File(["x"], "x.txt"), purpose: "p", file_link_data: { create: true, metadata } } });
    expect((bodies.at(-1) as { file_link_data: unknown }).file_link_data).toEqual({ create: true, metadata });
    expect((await post("mode=payment&metadata[[a]=v&metadata[k[1]]=w&shipping[[x][y]=1")).status).toBe(200);
    expect(bodies.at(-1)).toEqual({ mode: "payment", metadata: { "[a": "v", "k[1]": "w" }, shipping: { "[x": { y: "1" } } });
  });

  it("a member name whose ] closes no [ of its own cannot be told from the notation: the client refuses it, naming it, and sends nothing", async () => {
    for (const bad of ["a]", "a]b[c", "]", "a][b", "[a][b", "[a[b]", "a[b][c"]) {
      const { client, sent } = recordingClient();
      await expect(client.postCheckoutSessions({ body: { mode: "payment", metadata: { ok: "1", [bad]: "v" } } })).rejects.toThrow(
        new TypeError(`postCheckoutSessions: form field metadata: the member name ${JSON.stringify(bad)} cannot be sent: a ']' in it must close a '[' of its own (a form's names are decoded before their brackets are read)`),
      );
      await expect(client.postFiles({ body: { file: new File(["x"], "x.txt"), purpose: "p", file_link_data: { create: true, metadata: { [bad]: "v" } } } })).rejects.toThrow(
        `postFiles: form field file_link_data[metadata]: the member name ${JSON.stringify(bad)} cannot be sent`,
      );
      expect(sent).toEqual([]);
    }
  });

  it("a text the schema lists beside a list or a number (Stripe's \"\" and \"now\") is that text; others are read by the type", async () => {
    expect((await post("mode=payment&discounts=&trial_end=now")).status).toBe(200);
    expect(bodies.at(-1)).toEqual({ mode: "payment", discounts: "", trial_end: "now" });
    expect((await post("mode=payment&discounts[0][coupon]=c&trial_end=1700000000")).status).toBe(200);
    expect(bodies.at(-1)).toEqual({ mode: "payment", discounts: [{ coupon: "c" }], trial_end: 1700000000 });
    const reply = await post("mode=payment&trial_end=later");
    expect(reply.status).toBe(400);
    expect((json(reply).errors as { pointer: string }[]).every((e) => e.pointer === "/body/trial_end")).toBe(true);
  });

  it("a member that is not its type is a 400 at its pointer", async () => {
    expect(await problems("mode=payment&items[0][price]=p&items[0][quantity]=two&items[1][price]=q&items[1][adjustable]=yes")).toEqual([
      "/body/items/0/quantity must be an integer",
      "/body/items/1/adjustable must be true or false",
    ]);
  });

  it("__proto__ and constructor[prototype] members are refused and reach no prototype", async () => {
    expect(await problems("mode=payment&metadata[__proto__][polluted]=1")).toEqual(["/body/metadata has a forbidden member name '__proto__' (metadata[__proto__][polluted])"]);
    expect(await problems("mode=payment&shipping[constructor][prototype][polluted]=1")).toEqual(["/body/shipping has a forbidden member name 'prototype' (shipping[constructor][prototype][polluted])"]);
    expect(await problems("mode=payment&items[0][__proto__]=x")).toContain("/body/items has a forbidden member name '__proto__' (items[0][__proto__])");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    // `constructor` as a plain member name is only a name
    expect((await post("mode=payment&metadata[constructor]=c")).status).toBe(200);
    expect(Object.getPrototypeOf(bodies.at(-1)!)).toBe(Object.prototype);
    expect((bodies.at(-1) as { metadata: unknown }).metadata).toEqual({ constructor: "c" });
  });

  it("nesting deeper than maxDepth is a 400; so is a huge index, without allocating it", async () => {
    expect(await problems(`mode=payment&metadata${"[a]".repeat(9)}=1`)).toEqual(["/body/metadata is nested deeper than 8 levels"]);
    expect((await post(`mode=payment&shipping${"[a]".repeat(8)}=1`)).status).toBe(200);
    expect(bodies.at(-1)).toEqual({ mode: "payment", shipping: { a: { a: { a: { a: { a: { a: { a: { a: "1" } } } } } } } } });
    expect(await problems("mode=payment&items[99999999][price]=p")).toEqual(["/body/items has an index too large (items[99999999][price]): a list here may have at most 1000 members"]);
    expect(await problems("mode=payment&expand[1000]=a")).toEqual(["/body/expand has an index too large (expand[1000]): a list here may have at most 1000 members"]);
    expect(await problems("mode=payment&expand[99999999999999999999]=a")).toEqual(["/body/expand is a list, but 'expand[99999999999999999999]' names a member '99999999999999999999': use an index ([0], [1], ...) or []"]);
  });

  it("conflicts are a clear 400, not a crash: a value and members, a member sent twice, a list named, a malformed name", async () => {
    expect(await problems("mode=payment&metadata=&metadata[b]=2")).toEqual(["/body/metadata is sent both as a value and as members (metadata[...]): send one or the other"]);
    expect(await problems("mode=payment&shipping[address]=x&shipping[address][line1]=y")).toEqual(["/body/shipping 'shipping[address][line1]' is sent both as a value and with members: send one or the other"]);
    expect(await problems("mode=payment&shipping[address][line1]=y&shipping[address]=x")).toEqual(["/body/shipping 'shipping[address]' is sent both as a value and with members: send one or the other"]);
    expect(await problems("mode=payment&metadata[a]=1&metadata[a]=2")).toEqual(["/body/metadata 'metadata[a]' is sent more than once"]);
    expect(await problems("mode=payment&items[price]=p")).toEqual(["/body/items is a list, but 'items[price]' names a member 'price': use an index ([0], [1], ...) or []"]);
    expect(await problems("mode=payment&metadata[]=x")).toEqual(["/body/metadata is an object, but 'metadata[]' has a member without a name ([])"]);
    expect(await problems("mode=payment&metadata[a=1")).toEqual(["/body/metadata has a malformed member name 'metadata[a': each member is a [name] or an [index]"]);
    expect(await problems("mode=payment&metadata[a]b=1")).toEqual(["/body/metadata has a malformed member name 'metadata[a]b': each member is a [name] or an [index]"]);
  });

  it("a hostile form of many bad pairs gets one issue per field, quickly", async () => {
    const many = Array.from({ length: 20000 }, (_, i) => `metadata[__proto__][k${i}]=1`).join("&");
    const started = Date.now();
    expect(await problems(`mode=payment&${many}`)).toEqual(["/body/metadata has a forbidden member name '__proto__' (metadata[__proto__][k0])"]);
    // names whose [ no ] closes, one after another: each [ is paired once (a scan to the end from each is quadratic)
    expect(await problems(`mode=payment&metadata${"[[a]".repeat(50000)}=1`)).toEqual(["/body/metadata is nested deeper than 8 levels"]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("delimited lists are split by their separator and typed", async () => {
    expect((await post("mode=payment&tags=a,b&codes=1|2")).status).toBe(200);
    expect(bodies.at(-1)).toEqual({ mode: "payment", tags: ["a", "b"], codes: [1, 2] });
  });

  it("an object sent in one value (style form, explode false; pipeDelimited) is read back as names and values, typed", async () => {
    expect((await post("mode=payment&color=R,100,G,200,name,sky+blue&dims=w|1.5|h|2")).status).toBe(200);
    expect(bodies.at(-1)).toEqual({ mode: "payment", color: { R: 100, G: 200, name: "sky blue" }, dims: { w: 1.5, h: 2 } });
    expect((await post("mode=payment&color=&dims=")).status).toBe(200);
    expect(bodies.at(-1)).toEqual({ mode: "payment", color: {}, dims: {} });
    expect(await problems("mode=payment&color=R,100,G")).toEqual(['/body/color must be names and values in turn ("," between them), an even number of items']);
    expect(await problems("mode=payment&color=R,red")).toEqual(["/body/color/R must be an integer"]);
    expect(await problems("mode=payment&color=R,1,R,2")).toEqual(["/body/color has the member 'R' twice"]);
    expect(await problems("mode=payment&color=R,1&color=G,2")).toEqual(["/body/color must be a single value"]);
    expect(await problems("mode=payment&color=__proto__,1")).toEqual(["/body/color has a forbidden member name '__proto__'"]);
    expect(await problems("mode=payment&color=X,1")).toEqual(["/body/color/X is not an allowed property"]);
    expect(Object.prototype.hasOwnProperty.call({}, "R")).toBe(false);
  });

  it("multipart: parts named in bracket notation are read the same way", async () => {
    const form = new FormData();
    form.append("file", new File(["%PDF"], "a.pdf", { type: "application/pdf" }));
    form.append("purpose", "dispute_evidence");
    form.append("file_link_data[create]", "true");
    form.append("file_link_data[expires_at]", "1700000000");
    form.append("file_link_data[metadata][k]", "v");
    form.append("expand[0]", "link");
    const res = await fetch(`${server.url}/v1/files`, { method: "POST", body: form });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = bodies.at(-1) as Record<string, unknown>;
    expect(body.file).toBeInstanceOf(File);
    expect({ ...body, file: undefined }).toEqual({ file: undefined, purpose: "dispute_evidence", file_link_data: { create: true, expires_at: 1700000000, metadata: { k: "v" } }, expand: ["link"] });
  });
});

describe("client to generated mock server, end to end", () => {
  let server: Listening;
  const errors: unknown[] = [];
  beforeAll(async () => {
    server = await listen(toNodeListener(createHandler(createMockHandlers(), { validateResponses: true, onError: (e) => errors.push(e) })) as never);
  });
  afterAll(() => server.close());

  it("the mock accepts what the client sends for every deepObject and delimited field", async () => {
    const client = createFormEncodingClient({ baseUrl: server.url, retry: false });
    await expect(client.postCheckoutSessions({
      body: {
        mode: "subscription",
        metadata: { order_id: "6735", note: "a&b=c [x]" },
        items: [{ price: "price_1", quantity: 2, adjustable: true, tax_rates: ["t1"] }, { price: "price_2" }],
        expand: ["customer"],
        shipping: { name: "Jo", address: { line1: "1 Main St", postal_code: "02139" }, rate: 0.5 },
        tags: ["a", "b"],
        codes: [7, 8],
        labels: ["l"],
        note: "path/to:x",
        settings: { theme: "dark" },
      },
    })).resolves.toEqual({ id: "string" });
    await expect(client.postCheckoutSessions({ body: { mode: "payment", metadata: "" } })).resolves.toEqual({ id: "string" });
    await expect(client.postFiles({ body: { file: new File(["x"], "x.txt"), purpose: "p", expand: ["a"], file_link_data: { create: false, metadata: { k: "v" } } } })).resolves.toEqual({ id: "string" });
    expect(errors).toEqual([]);
  });

  it("what the handler gets is what the client sent", async () => {
    const got: unknown[] = [];
    const echo = await listen(toNodeListener(createHandler({
      postCheckoutSessions: ({ body }) => (got.push(body), { status: 200, body: { id: "x" } }),
      postFiles: () => ({ status: 200, body: { id: "x" } }),
    })) as never);
    try {
      const client = createFormEncodingClient({ baseUrl: echo.url, retry: false });
      const body = {
        mode: "payment" as const,
        metadata: { order_id: "6735", "with space": "é&=" },
        items: [{ price: "price_1", quantity: 2, tax_rates: ["a", "b"] }],
        shipping: { address: { line1: "x" }, rate: 3 },
        tags: ["a", "b"],
        settings: { theme: "dark" },
        // the separator itself cannot be told from data (as in OpenAPI's style table): anything else travels
        color: { R: 1, G: 2, B: 3, name: "a b&c=d?é|+" },
        dims: { "w x": 0.5, h: 10 },
      };
      await client.postCheckoutSessions({ body });
      expect(got).toEqual([body]);
    } finally {
      await echo.close();
    }
  });
});

describe("behind Express's urlencoded({ extended: true }) (qs)", () => {
  let server: Listening;
  const got: unknown[] = [];
  beforeAll(async () => {
    const app = express();
    const handler = createHandler({
      postCheckoutSessions: ({ body }) => (got.push(body), { status: 200, body: { id: "x" } }),
      postFiles: () => ({ status: 200, body: { id: "x" } }),
    });
    app.use(express.urlencoded({ extended: true }), toExpressMiddleware(handler));
    server = await listen(app);
  });
  afterAll(() => server.close());

  it("qs reads the client's bracket notation, and the objects it built are read as ours are", async () => {
    const client = createFormEncodingClient({ baseUrl: server.url, retry: false });
    const body = { mode: "payment" as const, metadata: { order_id: "6735", "a b": "é&=" }, items: [{ price: "p", quantity: 2, adjustable: true, tax_rates: ["t1", "t2"] }], shipping: { address: { line1: "x" }, rate: 1.5 }, expand: ["customer"] };
    await client.postCheckoutSessions({ body });
    expect(got).toEqual([body]);
  });

  it("and with the same limits: a member that is not its type is a 400 at its pointer", async () => {
    const res = await fetch(`${server.url}/v1/checkout/sessions`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "mode=payment&items[0][price]=p&items[0][quantity]=two" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { pointer: string }[] }).errors.map((e) => e.pointer)).toEqual(["/body/items/0/quantity"]);
  });
});
