/**
 * openapi-typescript 7.13 adds each operation to its `operations` interface by copying the members it has
 * so far (`operations.members = createNodeArray([...operations.members, next])`): quadratic in the number
 * of operations, ~10 s of Microsoft Graph beta's 22,318, with their garbage. The interface is the one
 * it finds in `ctx.injectFooter`, so the footer given here holds a stand-in: its `members` reads as none and
 * keeps what each assignment adds, one push per operation. `settle` gives the interface its members back
 * before the nodes are read. The golden `schema.ts` files hold the output, which this does not change.
 */
import type TS from "typescript";
import { ts } from "./typescript.js";

export interface OperationsFooter {
  /** What `ctx.injectFooter` starts as. */
  footer: TS.Node[];
  /** Ends the collecting: the `operations` interface holds every member added, in order. */
  settle(): void;
}

const NONE = ts.factory.createNodeArray<TS.TypeElement>([]);

export function operationsFooter(): OperationsFooter {
  const footer: TS.Node[] = [];
  const collected: TS.TypeElement[] = [];
  let collecting: TS.InterfaceDeclaration | undefined;
  const push = (...nodes: TS.Node[]) => {
    for (const node of nodes) {
      if (!collecting && ts.isInterfaceDeclaration(node) && node.name.text === "operations") {
        collecting = node;
        collected.push(...node.members);
        Object.defineProperty(node, "members", { configurable: true, get: () => NONE, set: (added: readonly TS.TypeElement[]) => collected.push(...added) });
      }
      Array.prototype.push.call(footer, node);
    }
    return footer.length;
  };
  Object.defineProperty(footer, "push", { value: push });
  return {
    footer,
    settle() {
      if (collecting) Object.defineProperty(collecting, "members", { configurable: true, writable: true, enumerable: true, value: ts.factory.createNodeArray(collected) });
    },
  };
}
