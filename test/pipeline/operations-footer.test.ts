/**
 * The `operations` interface openapi-typescript grows by copying its members for each operation: the
 * footer's stand-in reads as none while it collects (one push per operation, not a copy of all so far)
 * and holds them all, in order, once settled. The golden schema.ts files hold the printed result.
 */
import { describe, expect, it } from "vitest";
import { operationsFooter } from "../../generator/emit/types/operations-footer.js";
import ts from "typescript";

const f = ts.factory;
const iface = (name: string) => f.createInterfaceDeclaration([f.createModifier(ts.SyntaxKind.ExportKeyword)], name, undefined, undefined, []);
const member = (name: string) => f.createPropertySignature(undefined, name, undefined, f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword));
const names = (node: ts.InterfaceDeclaration) => node.members.map((m) => (m.name as ts.Identifier).text);

describe("operationsFooter", () => {
  it("collects what openapi-typescript's injectOperationObject adds, without its copies", () => {
    const { footer, settle } = operationsFooter();
    const helper = iface("WithRequired");
    footer.push(helper);
    // as injectOperationObject does: find the interface (push it the first time), then copy its members plus one
    for (const op of ["listPets", "getPet", "addPet"]) {
      let operations = footer.find((n): n is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(n) && n.name.text === "operations");
      if (!operations) footer.push((operations = iface("operations")));
      expect(operations.members).toHaveLength(0);
      (operations as { members: ts.NodeArray<ts.TypeElement> }).members = f.createNodeArray([...operations.members, member(op)]);
    }
    settle();
    expect(footer.map((n) => (n as ts.InterfaceDeclaration).name.text)).toEqual(["WithRequired", "operations"]);
    const operations = footer[1] as ts.InterfaceDeclaration;
    expect(names(operations)).toEqual(["listPets", "getPet", "addPet"]);
    const printed = ts.createPrinter().printNode(ts.EmitHint.Unspecified, operations, ts.createSourceFile("x.ts", "", ts.ScriptTarget.ESNext));
    expect(printed).toBe("export interface operations {\n    listPets: string;\n    getPet: string;\n    addPet: string;\n}");
  });

  it("leaves every other node as given, and a footer without operations as it is", () => {
    const { footer, settle } = operationsFooter();
    const other = iface("paths");
    footer.push(other);
    settle();
    expect(footer).toEqual([other]);
    expect(names(other)).toEqual([]);
  });
});
