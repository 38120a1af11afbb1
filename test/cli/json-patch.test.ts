/**
 * JSON Patch (RFC 6902) as `mock --stateful` applies it: each operation of §4 on objects and arrays, the
 * errors with the status RFC 5789 gives them, and the target left as it was when any operation fails.
 */
import { describe, expect, it } from "vitest";
import { JsonPatchError, jsonPatch } from "../../generator/mock/json-patch.js";

const fails = (target: unknown, patch: unknown): [number, string] => {
  try {
    jsonPatch(target, patch);
  } catch (e) {
    if (e instanceof JsonPatchError) return [e.status, e.message];
    throw e;
  }
  throw new Error("the patch applied");
};

describe("jsonPatch (RFC 6902)", () => {
  it("adds, removes, replaces, moves, copies and tests, on members and array items", () => {
    const target = { name: "Rex", tags: ["a", "b"], owner: { id: 1 } };
    expect(jsonPatch(target, [{ op: "add", path: "/status", value: "sold" }])).toEqual({ ...target, status: "sold" });
    expect(jsonPatch(target, [{ op: "add", path: "/tags/1", value: "x" }])).toMatchObject({ tags: ["a", "x", "b"] });
    expect(jsonPatch(target, [{ op: "add", path: "/tags/-", value: "z" }])).toMatchObject({ tags: ["a", "b", "z"] });
    expect(jsonPatch(target, [{ op: "remove", path: "/tags/0" }, { op: "remove", path: "/owner" }])).toEqual({ name: "Rex", tags: ["b"] });
    expect(jsonPatch(target, [{ op: "replace", path: "/tags/1", value: "c" }, { op: "replace", path: "/name", value: "Tom" }])).toMatchObject({ name: "Tom", tags: ["a", "c"] });
    expect(jsonPatch(target, [{ op: "move", from: "/owner/id", path: "/ownerId" }])).toEqual({ name: "Rex", tags: ["a", "b"], owner: {}, ownerId: 1 });
    expect(jsonPatch(target, [{ op: "move", from: "/tags/0", path: "/tags/-" }])).toMatchObject({ tags: ["b", "a"] });
    expect(jsonPatch(target, [{ op: "copy", from: "/owner", path: "/previous" }])).toMatchObject({ owner: { id: 1 }, previous: { id: 1 } });
    // test compares as JSON: member order does not count, 1 and 1.0 are equal
    expect(jsonPatch({ a: { x: 1, y: 2 } }, [{ op: "test", path: "/a", value: { y: 2, x: 1.0 } }])).toEqual({ a: { x: 1, y: 2 } });
    // keys with ~ and / are escaped as RFC 6901 says; the whole document is replaced by the empty path
    expect(jsonPatch({ "a/b": 1, "m~n": 2 }, [{ op: "replace", path: "/a~1b", value: 3 }, { op: "remove", path: "/m~0n" }])).toEqual({ "a/b": 3 });
    expect(jsonPatch({ a: 1 }, [{ op: "replace", path: "", value: { b: 2 } }])).toEqual({ b: 2 });
    // neither the target nor the patch's values are changed
    const value = { id: 2 };
    const patched = jsonPatch(target, [{ op: "add", path: "/owner", value }]) as { owner: { id: number } };
    patched.owner.id = 9;
    expect([target.owner, value]).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it("refuses what it cannot apply: malformed 400, a failed test 409, a missing target 422; the target stays as it was", () => {
    const target = { name: "Rex", tags: ["a"] };
    expect(fails(target, { op: "add" })[0]).toBe(400);
    expect(fails(target, [{ op: "jump", path: "/name" }])).toEqual([400, "operation 0 has an unknown op (add, remove, replace, move, copy or test)"]);
    expect(fails(target, [{ op: "add", path: "name", value: 1 }])[0]).toBe(400);
    expect(fails(target, [{ op: "add", path: "/x" }])).toEqual([400, "operation 0 (add) needs a value"]);
    expect(fails(target, [{ op: "move", from: "/tags", path: "/tags/0" }])[0]).toBe(400);
    expect(fails(target, [{ op: "replace", path: "/name", value: "Tom" }, { op: "test", path: "/name", value: "Rex" }])).toEqual([409, "operation 1 (test) failed: the value at /name differs"]);
    expect(fails(target, [{ op: "remove", path: "/missing" }])).toEqual([422, "operation 0: nothing at /missing"]);
    expect(fails(target, [{ op: "remove", path: "/a~1b/c~0d" }])).toEqual([422, "operation 0: nothing at /a~1b/c~0d"]);
    expect(fails(target, [{ op: "replace", path: "/tags/1", value: "b" }])[0]).toBe(422);
    expect(fails(target, [{ op: "add", path: "/tags/2", value: "c" }])[0]).toBe(422);
    expect(fails(target, [{ op: "add", path: "/a/b", value: 1 }])[0]).toBe(422);
    expect(target).toEqual({ name: "Rex", tags: ["a"] });
  });

  it("a member named __proto__ is an own member, not the prototype", () => {
    const out = jsonPatch({}, [{ op: "add", path: "/__proto__", value: { polluted: true } }]) as Record<string, unknown>;
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
