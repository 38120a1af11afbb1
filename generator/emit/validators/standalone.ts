/**
 * ajv's `standaloneCode` for many exports, adapted from ajv 8 `lib/standalone/index.ts` (MIT, Evgeny
 * Poberezkin). ajv builds the module by nesting one code object per export, which overflows the stack
 * past a few thousand exports (GitHub's spec has ~5,000 validators); here the pieces are joined as
 * strings. Everything else (which scope values and functions each validator needs, each emitted once)
 * is ajv's own logic, unchanged.
 */
import { createRequire } from "node:module";
import type * as CodeModule from "ajv/dist/compile/codegen/code.js";
import type * as ScopeModule from "ajv/dist/compile/codegen/scope.js";
import type { Code } from "ajv/dist/compile/codegen/code.js";
import type { UsedScopeValues, ValueScopeName } from "ajv/dist/compile/codegen/scope.js";
import type AjvCore from "ajv/dist/core.js";
import type { AnyValidateFunction, SourceCode } from "ajv/dist/types/index.js";
import type { SchemaEnv } from "ajv/dist/compile/index.js";
import { literal } from "../../codegen/code.js";
import { formatImport } from "./format-names.js";
import { nullPrototypeSets } from "./null-prototype-sets.js";
import { finiteCoercion } from "./finite-coercion.js";

type Ajv = AjvCore.default;

const require = createRequire(import.meta.url);

export interface StandaloneModule {
  code: string;
  /** The formats whose checkers the code uses (each bound by `formatImport`). */
  formats: string[];
}

export function standaloneModule(ajv: Ajv, exports: Record<string, string>): StandaloneModule {
  const { _, nil, _Code } = require("ajv/dist/compile/codegen/code.js") as typeof CodeModule;
  const { UsedValueState, varKinds } = require("ajv/dist/compile/codegen/scope.js") as typeof ScopeModule;
  const { _n } = ajv.scope.opts;
  protoSafeSchemaConstants(ajv, _Code);
  droppableScopeValues(ajv, _Code);
  const usedValues: UsedScopeValues = {};
  const parts: string[] = [];
  for (const name of Object.keys(exports)) {
    const v = ajv.getSchema(exports[name]!) as AnyValidateFunction | undefined;
    if (!v?.source) throw new Error(`no compiled validator for ${exports[name]}`);
    const vCode = validateCode(usedValues, v.source);
    parts.push(`${_n}export const ${name} = ${v.source.validateName.str};${_n}${vCode.toString()}`);
  }
  const formats = [...(usedValues.formats?.keys() ?? [])].map((n) => String(n.value?.key)).sort();
  return { code: parts.join(""), formats };

  function validateCode(used: UsedScopeValues, s?: SourceCode): Code {
    if (!s) throw new Error('moduleCode: function does not have "source" property');
    if (usedState(s.validateName) === UsedValueState.Completed) return nil;
    setUsedState(s.validateName, UsedValueState.Started);
    const scopeCode = ajv.scope.scopeCode(s.scopeValues, used, refValidateCode);
    // each function's own code (a module's is megabytes: GitHub's 16 MB took 0.2 s more as one text)
    const code = new _Code(`${scopeCode.toString()}${_n}${nullPrototypeSets(finiteCoercion(s.validateCode))}`);
    return s.evaluated ? _`${code}${s.validateName}.evaluated = ${s.evaluated};${_n}` : code;

    function refValidateCode(n: ValueScopeName): Code | undefined {
      const vRef = n.value?.ref;
      if (n.prefix === "validate" && typeof vRef == "function") {
        return validateCode(used, (vRef as AnyValidateFunction).source);
      } else if ((n.prefix === "root" || n.prefix === "wrapper") && typeof vRef == "object") {
        const { validate, validateName } = vRef as SchemaEnv;
        if (!validateName) throw new Error("ajv internal error");
        const def = ajv.opts.code.es5 ? varKinds.var : varKinds.const;
        const wrapper = _`${def} ${n} = {validate: ${validateName}};`;
        if (usedState(validateName) === UsedValueState.Started) return wrapper;
        const vCode = validateCode(used, validate?.source);
        return _`${wrapper}${_n}${vCode}`;
      }
      return undefined;
    }

    function usedState(name: ValueScopeName): ScopeModule.UsedValueState | undefined {
      return used[name.prefix]?.get(name);
    }

    function setUsedState(name: ValueScopeName, state: ScopeModule.UsedValueState): void {
      const { prefix } = name;
      const names = (used[prefix] = used[prefix] || new Map());
      names.set(name, state);
    }
  }
}

/**
 * ajv writes each compiled schema as an object literal (`const schema3 = {"const":{"__proto__":{...}}}`),
 * where even a quoted `__proto__` key sets the prototype instead of making a property: `const` and `enum`
 * values with that key compared as `{}`. Those constants are written as `JSON.parse("...")` instead,
 * which keeps the key an own property (the same rule as `literal` in codegen/code.ts).
 */
function protoSafeSchemaConstants(ajv: Ajv, CodeClass: typeof CodeModule._Code): void {
  for (const name of scopeValues(ajv).schema?.values() ?? []) {
    const value = name.value;
    if (value?.code !== undefined && /"__proto__"\s*:/.test(value.code.toString())) value.code = new CodeClass(`/* @__PURE__ */ ${literal(value.ref).text}`);
  }
}

/**
 * The module's top-level constants, written so that a bundler drops those no kept validator uses (the
 * package says `sideEffects: false`, but inside a module a bundler keeps any statement that may have an
 * effect, and all it refers to): a pattern's `new RegExp(...)` is marked pure (its pattern compiled when
 * ajv compiled the schema), and a format's checker is its own import binding (`__format_email`) instead
 * of a read of `__formats.email`, which kept every checker and idna.ts with them.
 */
function droppableScopeValues(ajv: Ajv, CodeClass: typeof CodeModule._Code): void {
  const values = scopeValues(ajv);
  for (const name of values.pattern?.values() ?? []) {
    const code = name.value?.code?.toString();
    if (code?.startsWith("new RegExp(")) name.value!.code = new CodeClass(`/* @__PURE__ */ ${code}`);
  }
  for (const name of values.formats?.values() ?? []) {
    if (name.value?.code !== undefined) name.value.code = new CodeClass(formatImport(String(name.value.key)).local);
  }
}

/** ajv's top-level constants of the module by kind (`schema`, `pattern`, `formats`): its scope's private table. */
function scopeValues(ajv: Ajv): Record<string, Map<unknown, ValueScopeName> | undefined> {
  return (ajv.scope as unknown as { _values: Record<string, Map<unknown, ValueScopeName> | undefined> })._values;
}
