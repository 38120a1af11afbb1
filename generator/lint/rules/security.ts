/** Security requirements name schemes that `components.securitySchemes` defines. */
import { isObject } from "../../openapi/kinds.js";
import type { Rule } from "../types.js";
import { escapeSegment, label, operationsOf } from "./shared.js";

export const securityDefined: Rule = {
  id: "security-defined",
  severity: "error",
  description: "Every security requirement (root or operation) names a scheme defined in `components.securitySchemes`.",
  check(ctx) {
    const components = ctx.document.components;
    const schemes = isObject(components) && isObject(components.securitySchemes) ? components.securitySchemes : {};
    const checkList = (list: unknown, pointer: string, where: string) => {
      if (!Array.isArray(list)) return;
      list.forEach((req, i) => {
        if (!isObject(req)) return;
        for (const name of Object.keys(req)) {
          if (Object.prototype.hasOwnProperty.call(schemes, name)) continue;
          const known = Object.keys(schemes);
          ctx.report(`${pointer}/${i}/${escapeSegment(name)}`, `security scheme '${name}' used by ${where} is not defined`, known.length ? `define it in components.securitySchemes, or use one of: ${known.join(", ")}` : "define it in components.securitySchemes");
        }
      });
    };
    checkList(ctx.document.security, "/security", "the document");
    for (const site of operationsOf(ctx)) checkList(site.operation.security, `${site.pointer}/security`, label(site));
  },
};
