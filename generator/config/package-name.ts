/**
 * A package's name (config `packageName`, `--name`), held to the rules npm holds a new package's name to
 * (validate-npm-package-name): a name npm refuses to install or publish is bad input now, not at `npm publish`.
 */
import { builtinModules } from "node:module";

/** Why `name` cannot name a new npm package; undefined when it can. */
export function packageNameProblem(name: string): string | undefined {
  if (name.length === 0 || name.length > 214) return "must be 1 to 214 characters long";
  if (name !== name.toLowerCase()) return "may not hold capital letters";
  const parts = /^(?:@([^/]+)\/)?([^/]+)$/.exec(name);
  if (!parts) return "must be a name or @scope/name";
  const [, scope, base] = parts;
  // as npm: a leading "_" only on the whole name (`@scope/_x` is one), a "." on the name's own part too
  if (/^[._]/.test(name) || base!.startsWith(".")) return "may not start with . or _";
  // encodeURIComponent leaves ~'!()* as they are, and npm refuses them in new names
  if ([scope, base].some((p) => p !== undefined && (encodeURIComponent(p) !== p || /[~'!()*]/.test(p)))) return "may hold only letters, digits, '-', '.' and '_' (and @scope/)";
  if (name === "node_modules" || name === "favicon.ico") return "is a name npm reserves";
  if (builtinModules.includes(name)) return "is the name of a Node.js core module";
  return undefined;
}

export const PACKAGE_NAME_HELP = 'write an npm package name, e.g. "@acme/okra" or "okra-client"';
