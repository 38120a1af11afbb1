/** A Server Object's URL as used when nothing chooses its variables. */
import { isObject } from "./kinds.js";

/** `url` with each `{variable}` replaced by its default (left as written when it has none). */
export function urlWithDefaults(url: unknown, variables: unknown): string {
  const vars = isObject(variables) ? variables : {};
  // no string, no URL (String() of a mapping such as `{ toString: 1 }` throws): the callers then skip it
  return (typeof url === "string" ? url : "").replace(/\{([^}]*)\}/g, (whole, name: string) => {
    const v = vars[name];
    return isObject(v) && typeof v.default === "string" ? v.default : whole;
  });
}
