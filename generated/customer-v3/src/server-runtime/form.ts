/**
 * Form bodies: `application/x-www-form-urlencoded` (parsed like a query) and `multipart/form-data`
 * (parsed by the platform's `Response.formData()` from bytes already read within the body limit), each
 * field's text coerced to its schema type, files kept as `File`s and checked by their rule (size, part
 * type: `file-rules.ts`), JSON parts parsed with the JSON limits. The body validator then checks the
 * result; a problem found here (a field that is not its type, a JSON part that is not JSON, a file too
 * large) is reported here, more precisely than the validator would (it takes any value for a file).
 */
import { parseJson } from "./body.js";
import { checkFile } from "./file-rules.js";
import { BodyError } from "./problems.js";
import { pointerSegment, setOwn } from "./params.js";
import type { FieldType, FileRule, FormField, ProblemDetails } from "./types.js";

type Issues = NonNullable<ProblemDetails["errors"]>;
export type FieldValue = string | Blob;

/** The fields of a multipart body; a malformed one is a 400. */
export async function multipartFields(bytes: Uint8Array, contentType: string): Promise<Map<string, FieldValue[]>> {
  let data: FormData;
  try {
    data = await new Response(bytes as ConstructorParameters<typeof Response>[0], { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new BodyError(400, "The body is not valid multipart/form-data.");
  }
  const out = new Map<string, FieldValue[]>();
  data.forEach((value, name) => {
    const list = out.get(name);
    if (list) list.push(value);
    else out.set(name, [value]);
  });
  return out;
}

/** The body object: each known field coerced by its type, the others kept as sent (the body validator checks what is required). */
export async function formValue(fields: Map<string, FieldValue[]>, schema: readonly FormField[], maxDepth: number, issues: Issues): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const known = new Map(schema.map((f) => [f[0], f]));
  for (const [name, values] of fields) {
    const field = known.get(name);
    const at = `/body/${pointerSegment(name)}`;
    if (!field) setOwn(out, name, values.length === 1 ? values[0] : values);
    else if (field[1] === "array") setOwn(out, name, await Promise.all(values.map((v, i) => coerce(v, field[2] ?? "any", maxDepth, issues, `${at}/${i}`, field[3]))));
    else if (values.length > 1) {
      issues.push({ pointer: at, detail: "must be a single value" });
      setOwn(out, name, values);
    } else setOwn(out, name, await coerce(values[0]!, field[1], maxDepth, issues, at, field[3]));
  }
  return out;
}

async function coerce(value: FieldValue, type: FieldType, maxDepth: number, issues: Issues, at: string, rule: FileRule | undefined): Promise<unknown> {
  // A part is its content whichever way it was sent: a file field gets a `File`, any other typed field the text.
  if (type === "binary") {
    const file = typeof value === "string" ? new File([value], "") : value;
    if (rule) checkFile(file, rule, issues, at);
    return file;
  }
  if (typeof value !== "string") {
    if (type === "any") return value;
    value = await value.text();
  }
  switch (type) {
    case "integer":
    case "number": {
      const n = value.trim() === "" ? NaN : Number(value);
      if (Number.isFinite(n) && (type === "number" || Number.isInteger(n))) return n;
      issues.push({ pointer: at, detail: `must be ${type === "integer" ? "an integer" : "a number"}` });
      return value;
    }
    case "boolean":
      if (value === "true" || value === "false") return value === "true";
      issues.push({ pointer: at, detail: "must be true or false" });
      return value;
    case "json":
      try {
        return parseJson(value, maxDepth);
      } catch (e) {
        if (!(e instanceof BodyError)) throw e;
        issues.push({ pointer: at, detail: e.message.replace(/^The (JSON )?body/, "The part") });
        return value;
      }
    default:
      return value;
  }
}

type SetAside = [field: string, index: number, file: Blob][];
const FILE_PLACEHOLDER = "";

/**
 * Each file of a form body (a field's value, or an item of a field's list) replaced by an empty string, and
 * where it was: the generator relaxed the schema of each file it found to any value, and a file's schema
 * (`format: binary`, `contentMediaType`) accepts a string wherever it did not (`patternProperties`, ...).
 */
export function setFilesAside(value: unknown): SetAside | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const form = value as Record<string, unknown>;
  let aside: SetAside | undefined;
  for (const k of Object.keys(form)) {
    const v = form[k];
    if (v instanceof Blob) {
      (aside ??= []).push([k, -1, v]);
      setOwn(form, k, FILE_PLACEHOLDER);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (v[i] instanceof Blob) {
        (aside ??= []).push([k, i, v[i] as Blob]);
        v[i] = FILE_PLACEHOLDER;
      }
    }
  }
  return aside;
}

/** The files set aside, back where they were in `value` (the form, or the validator's copy of it). */
export function putFilesBack(value: unknown, aside: SetAside): void {
  const form = value as Record<string, unknown>;
  for (const [k, i, file] of aside) {
    if (!Object.prototype.hasOwnProperty.call(form, k)) continue;
    const v = form[k];
    if (i < 0) setOwn(form, k, file);
    else if (Array.isArray(v)) v[i] = file;
  }
}
