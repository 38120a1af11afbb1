/**
 * `specforge diff --base <ref>`: the base specs as they were at a git revision. The revision's whole tree
 * is checked out into a temporary folder through a temporary index (the repository's own index and
 * working tree are never touched), so relative `$ref`s resolve within the base revision as they did
 * then. git runs through execFile with argument arrays: no shell ever sees a ref or a path.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SpecforgeError, error } from "../diagnostics/diagnostic.js";

export interface GitBase {
  ref: string;
  /** The checked-out tree. */
  tree: string;
  /** The base file for a head spec path, or undefined when the spec did not exist at `ref`. */
  baseOf(headSpec: string): { file: string; display: string } | undefined;
  /** Rewrites a path inside the temporary tree as `<ref>:<path in repo>`. */
  display(file: string): string;
  dispose(): void;
}

function git(args: string[], cwd: string, env?: NodeJS.ProcessEnv): string {
  return execFileSync("git", args, { cwd, env: env ?? process.env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 << 20 });
}

function fail(message: string, help: string): SpecforgeError {
  return new SpecforgeError([error("diff/git", message, undefined, help)]);
}

export function checkoutBase(ref: string, headSpecs: string[]): GitBase {
  const first = path.resolve(headSpecs[0]!);
  let repo: string;
  try {
    repo = realpathSync(git(["rev-parse", "--show-toplevel"], path.dirname(first)).trim());
  } catch {
    throw fail(`${headSpecs[0]} is not inside a git repository`, "run specforge diff --base from a git checkout, or pass the base spec as a file");
  }
  if (ref.startsWith("-")) throw fail(`invalid git ref '${ref}'`, "name a branch, tag or commit, e.g. --base origin/main");
  let commit: string;
  try {
    commit = git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], repo).trim();
  } catch {
    throw fail(`unknown git ref '${ref}'`, "fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0), or name an existing branch, tag or commit");
  }
  const tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), "specforge-base-")));
  const tree = path.join(tmp, "tree");
  try {
    const env = { ...process.env, GIT_INDEX_FILE: path.join(tmp, "index") };
    git(["read-tree", commit], repo, env);
    git(["checkout-index", "--all", `--prefix=${tree}${path.sep}`], repo, env);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw fail(`cannot check out '${ref}': ${((e as { stderr?: string }).stderr ?? String(e)).trim()}`, "check that the ref exists and the repository is readable");
  }
  const inRepo = (file: string): string => {
    const abs = path.resolve(file);
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      real = abs;
    }
    const rel = path.relative(repo, real);
    if (rel.startsWith("..") || path.isAbsolute(rel)) throw fail(`${file} is outside the git repository ${repo}`, "compare specs of one repository at a time");
    return rel;
  };
  return {
    ref,
    tree,
    baseOf(headSpec) {
      const rel = inRepo(headSpec);
      try {
        git(["cat-file", "-e", `${commit}:${rel.split(path.sep).join("/")}`], repo);
      } catch {
        return undefined;
      }
      return { file: path.join(tree, rel), display: `${ref}:${rel.split(path.sep).join("/")}` };
    },
    display(file) {
      const rel = path.relative(tree, file);
      return rel.startsWith("..") || path.isAbsolute(rel) ? file : `${ref}:${rel.split(path.sep).join("/")}`;
    },
    dispose() {
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
