/**
 * The `components` of joined specs, section by section in input order. A name two inputs both define is
 * one component when the two are equal (a shared `Error` schema, the same security scheme), and a conflict
 * when they differ: which one a `$ref` means would depend on the order of the inputs (redocly-cli #1566
 * refused equal ones too). `--prefix-components-with-info-prop` keeps each input's apart
 * (prefix-components.ts).
 */
import { DiagnosticBag, error } from "../diagnostics/diagnostic.js";
import { canonical } from "../openapi/canonical.js";
import { isObject, type JsonObject } from "../openapi/kinds.js";
import { escapeSegment } from "../openapi/pointer.js";
import { own, setOwn } from "../openapi/own.js";
import { locate, where, type JoinInput, type Placed } from "./input.js";

/** `prefixed`: the names are prefixed already, so two inputs' prefixes are the same. */
export function joinComponents(inputs: JoinInput[], bag: DiagnosticBag, prefixed: boolean): JsonObject {
  const out: JsonObject = {};
  const firstAt = new Map<string, Placed>();
  const cache = new WeakMap<object, string>();
  for (const input of inputs) {
    const components = input.document.components;
    if (!isObject(components)) continue;
    for (const [section, map] of Object.entries(components)) {
      if (!isObject(map) || section.startsWith("x-")) {
        // an extension (or a section that is no mapping): the first input's
        if (!Object.hasOwn(out, section)) setOwn(out, section, map);
        continue;
      }
      const had = own(out, section);
      const joined = isObject(had) ? had : {};
      setOwn(out, section, joined);
      for (const [name, value] of Object.entries(map)) {
        const pointer = `/components/${escapeSegment(section)}/${escapeSegment(name)}`;
        const at: Placed = { input, pointer };
        const first = firstAt.get(pointer);
        if (!first) {
          firstAt.set(pointer, at);
          setOwn(joined, name, value);
        } else if (canonical(joined[name], cache) !== canonical(value, cache)) {
          bag.add(error("join/component-conflict", `components.${section}.${name} differs from the one at ${where(first)}`, locate(at), prefixed ? "the two specs' prefixes are the same: prefix with an info property whose values differ (title, version)" : "make the two equal, rename one (and its $refs), or join with --prefix-components-with-info-prop title"));
        }
      }
    }
  }
  return out;
}
