/**
 * What ajv throws while compiling a spec's schemas, as a diagnostic at the schema being compiled: ajv's
 * errors name neither the spec nor a place in it, and a stack overflow (a `$ref` chain that loops without
 * any keyword in between, which no validator can evaluate) named nothing at all.
 */
import { error, SpecforgeError, type Diagnostic } from "../../diagnostics/diagnostic.js";

interface AjvMissingRef {
  missingRef?: string;
}

/** `pointer`: the spec's JSON pointer of the schema whose compile failed. */
export function compileFailure(e: unknown, pointer: string | undefined, what: string): SpecforgeError {
  return new SpecforgeError([compileDiagnostic(e, pointer, what)]);
}

function compileDiagnostic(e: unknown, pointer: string | undefined, what: string): Diagnostic {
  const location = pointer === undefined ? undefined : { pointer };
  if (e instanceof RangeError) {
    return error(
      "validators/ref-loop",
      `${what} cannot be compiled: its $refs lead back to where they started without any keyword in between (or nest too deep to follow)`,
      location,
      "make every chain of $refs end at a schema with keywords of its own",
    );
  }
  const meta = /^no schema with key or ref "(.*)"$/.exec((e as Error | undefined)?.message ?? "");
  if (meta) {
    return error(
      "validators/unknown-meta-schema",
      `${what} cannot be compiled: its $schema '${meta[1]}' names a meta-schema specforge does not have`,
      location,
      "write $schema: https://json-schema.org/draft/2020-12/schema or leave it out; a meta-schema of your own is read beside a spec given by URL",
    );
  }
  const missing = (e as AjvMissingRef | undefined)?.missingRef;
  if (typeof missing === "string") {
    return error(
      "validators/unresolved-ref",
      `${what} cannot be compiled: ${(e as Error).message}`,
      location,
      "a $ref inside a schema with $id resolves against that $id: point it at a schema of this spec, or at a document beside a spec given by URL (specforge fetches those)",
    );
  }
  return error("validators/compile", `${what} cannot be compiled: ${(e as Error)?.message ?? String(e)}`, location, "ajv, which compiles the validators, does not support it: write the schema another way");
}
