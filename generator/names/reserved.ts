/**
 * What may stand as an identifier in generated TypeScript. Identifier syntax follows ECMAScript
 * (Unicode ID_Start / ID_Continue, plus `$`, `_`, ZWNJ, ZWJ), as hey-api's `utils/reserved.ts` does.
 */
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

export function isIdentifierName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** ECMAScript reserved words (all modes) and TypeScript's predefined type names. */
const RESERVED = new Set([
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else",
  "enum", "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof",
  "new", "null", "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void",
  "while", "with", "yield", "let", "static", "implements", "interface", "package", "private", "protected",
  "public", "await", "async", "arguments", "eval", "undefined", "NaN", "Infinity",
  "any", "unknown", "never", "object", "string", "number", "boolean", "symbol", "bigint", "type", "as",
  "declare", "namespace", "module", "keyof", "readonly", "infer", "is", "asserts", "satisfies", "of",
  "constructor", "__proto__", "prototype",
]);

export function isReservedWord(name: string): boolean {
  return RESERVED.has(name);
}

/**
 * Global names a generated module must not shadow: a schema named `Response` or `Promise` would break
 * the client that uses the global. Such names get a `Model` prefix (OpenAPI Generator's convention).
 */
export const GLOBAL_TYPE_NAMES = new Set([
  "Object", "Array", "Promise", "PromiseLike", "Function", "String", "Number", "Boolean", "Symbol", "BigInt",
  "Date", "Error", "RegExp", "Map", "Set", "WeakMap", "WeakSet", "Record", "Partial", "Required",
  "Readonly", "Pick", "Omit", "Exclude", "Extract", "NonNullable", "ReturnType", "Parameters", "Awaited",
  "Uint8Array", "ArrayBuffer", "Blob", "File", "FormData", "Headers", "Request", "Response", "URL",
  "URLSearchParams", "AbortSignal", "AbortController", "ReadableStream", "JSON", "Math", "Iterable",
  "AsyncIterable", "Proxy", "Reflect", "TextEncoder", "TextDecoder", "Intl", "Uppercase", "Lowercase",
  "Capitalize", "Uncapitalize", "InstanceType", "ThisType", "Console", "Event", "EventTarget",
]);
