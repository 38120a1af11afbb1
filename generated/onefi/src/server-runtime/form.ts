/**
 * Form bodies: `application/x-www-form-urlencoded` (parsed like a query) and `multipart/form-data`
 * (parsed by the platform's `Response.formData()` from bytes already read within the body limit), each
 * field's text coerced to its schema type (a `deepObject` field's bracketed members built into objects and
 * lists: `deep-form.ts`), files kept as `File`s and checked by their rule (size, part
 * type: `file-rules.ts`; a file of a `oneOf`/`anyOf` branch or of `additionalProperties` by the validator,
 * told which of its sites' rules it fails: `FileSite`), JSON parts parsed with the JSON limits. The body
 * validator then checks the result; a problem found here (a field that is not its type, a JSON part that is not JSON, a file too
 * large) is reported here, more precisely than the validator would (it takes any value for a file).
 */
import { parseJson } from "./body.js";
import { readDeep, readDelimitedObject, takeDeep } from "./deep-form.js";
import { checkFile } from "./file-rules.js";
import { BodyError } from "./problems.js";
import { pointerSegment, refusedPair, setOwn } from "./params.js";
import type { FieldType, FileRule, FileSites, FormField, ProblemDetails } from "./types.js";

type DeepField = Extract<FormField, readonly [string, "deepObject", unknown]>;

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

/**
 * The rules a file fails among those of the sites it may be (`FileSite`): their ids, written in its place for
 * the body validator (`placeholder`), and the issues to report where the validator finds such a site applies.
 */
export type SiteFailures = Map<Blob, { ids: number[]; issues: Issues }>;

/**
 * The body object: each known field coerced by its type, a part that is a file of a `FileSite` made a `File`
 * (unless some schema declares it as text and it was sent as text: the validator judges it) and checked by the
 * sites' rules (into `failures`), the others kept as sent (the body validator checks what is required).
 */
export async function formValue(fields: Map<string, FieldValue[]>, schema: readonly FormField[], maxDepth: number, issues: Issues, files?: FileSites, failures?: SiteFailures): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const known = new Map(schema.map((f) => [f[0], f]));
  const texts = new Set(files?.texts);
  for (const [name, values] of fields) {
    const refused = refusedPair(name, values);
    if (!refused) continue;
    issues.push({ pointer: `/body/${pointerSegment(name)}`, detail: refused });
    fields.delete(name);
  }
  const deep = takeDeep(fields, schema);
  for (const [name, values] of fields) {
    const field = known.get(name);
    if (field?.[1] === "deepObject") continue;
    const at = `/body/${pointerSegment(name)}`;
    if (field?.[1] === "object") {
      if (values.length > 1) issues.push({ pointer: at, detail: "must be a single value" });
      else {
        const value = readDelimitedObject(name, values[0]!, field[2], field[3], issues);
        if (value !== undefined) setOwn(out, name, value);
      }
      continue;
    }
    const sites = files && failures ? sitesOf(files, name) : undefined;
    let value: unknown;
    if (!field) {
      if (!sites) {
        setOwn(out, name, values.length === 1 ? values[0] : values);
        continue;
      }
      const text = texts.has(name) || (files!.textOthers === true && !sites.named);
      // a part of sites that are all lists of files is a list even when sent once
      const list = sites.shape.every((id) => files!.sites[id]![1]);
      const parts = values.map((v) => (text && typeof v === "string" && !v.startsWith("\u0000") ? v : asFile(v)));
      if (parts.length > 1 && parts.every((p) => p instanceof Blob) && !sites.shape.some((id) => files!.sites[id]![1])) {
        // as for a file field: the validator would say only that the placeholders fail the site
        issues.push({ pointer: at, detail: "must be a single value" });
        setOwn(out, name, parts);
        continue;
      }
      value = parts.length === 1 && !list ? parts[0] : parts;
    } else if (field[1] === "array") {
      const separator = field[4];
      const items = separator === undefined ? values : values.flatMap((v): FieldValue[] => (typeof v !== "string" ? [v] : v === "" ? [] : v.split(separator)));
      value = await Promise.all(items.map((v, i) => coerce(v, field[2] ?? "any", maxDepth, issues, `${at}/${i}`, field[3])));
    } else if (values.length > 1) {
      issues.push({ pointer: at, detail: "must be a single value" });
      value = values;
    } else value = await coerce(values[0]!, field[1], maxDepth, issues, at, field[3]);
    setOwn(out, name, value);
    if (!sites) continue;
    if (value instanceof Blob) checkSites(value, sites.ids, files!, failures!, at);
    else if (Array.isArray(value)) value.forEach((v, i) => v instanceof Blob && checkSites(v, sites.ids, files!, failures!, `${at}/${i}`));
  }
  if (deep) {
    for (const [name, entries] of deep.groups) {
      const value = readDeep(name, entries, (known.get(name) as DeepField)[2], maxDepth, deep.count, issues);
      if (value !== undefined) setOwn(out, name, value);
    }
  }
  return out;
}

/** A part that is a file: its content whichever way it was sent. */
const asFile = (value: FieldValue): Blob => (typeof value === "string" ? new File([value], "") : value);

/**
 * The sites a part `name` may be a file of (`undefined`: none): those named so and every `additionalProperties`
 * one (its marker counts only where the validator applies that `additionalProperties`, to the names its own
 * schema object does not list); `shape`, the sites that say whether it is a list: the named ones, if any.
 */
function sitesOf(files: FileSites, name: string): { ids: number[]; shape: number[]; named: boolean } | undefined {
  const named: number[] = [];
  const others: number[] = [];
  files.sites.forEach((site, id) => (site[0] === name ? named : site[0] === null ? others : []).push(id));
  if (!named.length && !others.length) return undefined;
  return { ids: [...named, ...others], shape: named.length ? named : others, named: named.length > 0 };
}

/** Records the ids of the site rules `file` fails (none: its placeholder still marks it as a site's file) and what they found. */
function checkSites(file: Blob, ids: number[], files: FileSites, failures: SiteFailures, at: string): void {
  const failed: number[] = [];
  const issues: Issues = [];
  for (const id of ids) {
    const rule = files.sites[id]![2];
    const before = issues.length;
    if (rule) checkFile(file, rule, issues, at);
    if (issues.length > before) failed.push(id);
  }
  failures.set(file, { ids: failed, issues: issues.filter((x, i) => issues.findIndex((y) => y.detail === x.detail) === i) });
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
  // `null` travels as an empty value (the generated client writes it so): null where the field is not text,
  // which the body validator accepts where the schema allows it and refuses by its type elsewhere
  if (value === "" && (type === "integer" || type === "number" || type === "boolean" || type === "json")) return null;
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
 * A file's placeholder for the validator: `""`, or for a site's file the ids of the site rules it failed behind
 * a NUL (`\u0000,0,3,`, `\u0000,` for none), which the schema of each site refuses when it holds its id (the
 * generator's `fileMarker`, which judges any other string as text by the file's schema).
 */
function placeholder(file: Blob, failures: SiteFailures | undefined): string {
  const failed = failures?.get(file);
  if (!failed) return FILE_PLACEHOLDER;
  return failed.ids.length ? `\u0000,${failed.ids.join(",")},` : "\u0000,";
}

/**
 * Each file of a form body (a field's value, or an item of a field's list) replaced by its placeholder, and
 * where it was: the generator relaxed the schema of each file it found to any value (a site's to its
 * marker), and a file's schema (`format: binary`, `contentMediaType`) accepts a string wherever it did not
 * (`patternProperties`, ...).
 */
export function setFilesAside(value: unknown, failures?: SiteFailures): SetAside | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const form = value as Record<string, unknown>;
  let aside: SetAside | undefined;
  for (const k of Object.keys(form)) {
    const v = form[k];
    if (v instanceof Blob) {
      (aside ??= []).push([k, -1, v]);
      setOwn(form, k, placeholder(v, failures));
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (v[i] instanceof Blob) {
        (aside ??= []).push([k, i, v[i] as Blob]);
        v[i] = placeholder(v[i] as Blob, failures);
      }
    }
  }
  return aside;
}

/**
 * The validator's issues from `from` on, a site's refusal of a file (`not`, at the file) replaced by what the
 * file failed of the sites' rules (once per file): the validator says only that a branch does not apply.
 */
export function explainSiteIssues(issues: Issues, from: number, aside: SetAside, failures: SiteFailures): void {
  const byPointer = new Map(aside.map(([k, i, file]) => [`/body/${pointerSegment(k)}${i < 0 ? "" : `/${i}`}`, failures.get(file)]));
  const told = new Set<string>();
  const out = issues.splice(from).flatMap((issue) => {
    const failed = issue.keyword === "not" ? byPointer.get(issue.pointer) : undefined;
    if (!failed?.ids.length) return [issue];
    if (told.has(issue.pointer)) return [];
    told.add(issue.pointer);
    return failed.issues;
  });
  issues.push(...out);
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
