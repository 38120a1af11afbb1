/**
 * `generate --bump` over base/head pairs of a spec: the package's version moves by what `specforge diff`
 * classifies (major for breaking, minor for additions, patch for the rest, 0.x rules), CHANGELOG.md gets
 * an entry in words, and later runs without --bump keep both.
 */
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ROOT, runCli, tempDir } from "../helpers/project.js";

type Spec = { info: { version: string }; paths: Record<string, Record<string, { deprecated?: boolean; operationId?: string }>> };

function setup(version?: string) {
  const dir = tempDir("specforge-bump-");
  const spec = parse(readFileSync(path.join(ROOT, "specs/okra.yaml"), "utf8")) as Spec;
  if (version) spec.info.version = version;
  const save = (s: Spec) => writeFileSync(path.join(dir, "okra.yaml"), stringify(s));
  save(spec);
  const generate = (...extra: string[]) => runCli(["generate", "okra.yaml", "--out", "pkg", "--targets", "types,client", ...extra], dir);
  const pkg = () => JSON.parse(readFileSync(path.join(dir, "pkg/package.json"), "utf8")) as { version: string };
  const changelog = () => readFileSync(path.join(dir, "pkg/CHANGELOG.md"), "utf8");
  return { dir, spec, save, generate, pkg, changelog };
}

describe("generate --bump", () => {
  it("major for a removed operation, minor for an added one, patch for a deprecation; kept otherwise", () => {
    const t = setup();
    expect(t.generate().status).toBe(0);
    expect(t.pkg().version).toBe("1.0.0");
    expect(existsSync(path.join(t.dir, "pkg/openapi.json"))).toBe(true);
    expect(existsSync(path.join(t.dir, "pkg/CHANGELOG.md"))).toBe(false);

    const removed = structuredClone(t.spec);
    delete removed.paths["/customers/remove"];
    t.save(removed);
    const major = t.generate("--bump");
    expect(major.status, major.stderr).toBe(0);
    expect(major.stdout).toContain("pkg: version 1.0.0 -> 2.0.0 (major: 1 change(s), see CHANGELOG.md)");
    expect(t.pkg().version).toBe("2.0.0");
    const first = t.changelog();
    expect(first).toMatch(/^# Changelog\n\n## 2\.0\.0 \(\d{4}-\d{2}-\d{2}\)\n/);
    expect(first).toContain("### Breaking changes");
    expect(first).toMatch(/- .*POST \/customers\/remove.*\(breaking for clients\)/);

    // a run without --bump keeps the bumped version and the changelog: nothing drifts
    expect(t.generate().status).toBe(0);
    expect(t.pkg().version).toBe("2.0.0");
    expect(t.changelog()).toBe(first);
    expect(t.generate("--check").status).toBe(0);

    const added = structuredClone(removed);
    added.paths["/customers/archive"] = structuredClone(t.spec.paths["/customers/remove"]!);
    added.paths["/customers/archive"]!.post!.operationId = "archiveCustomer";
    t.save(added);
    expect(t.generate("--bump").status).toBe(0);
    expect(t.pkg().version).toBe("2.1.0");
    const second = t.changelog();
    expect(second.indexOf("## 2.1.0")).toBeLessThan(second.indexOf("## 2.0.0"));
    expect(second).toContain("### Additions");
    expect(second).toContain("- POST /customers/archive: operation added");

    const deprecated = structuredClone(added);
    deprecated.paths["/customers/flag"]!.post!.deprecated = true;
    t.save(deprecated);
    expect(t.generate("--bump").status).toBe(0);
    expect(t.pkg().version).toBe("2.1.1");
    expect(t.changelog()).toContain("### Other changes");

    const again = t.generate("--bump");
    expect(again.stdout).toContain("pkg: version 2.1.1 kept (no change since it was last generated)");
    expect(t.pkg().version).toBe("2.1.1");
  });

  it("follows 0.x rules: breaking bumps the minor, anything else the patch", () => {
    const t = setup("0.3.1");
    expect(t.generate().status).toBe(0);
    const removed = structuredClone(t.spec);
    delete removed.paths["/customers/remove"];
    t.save(removed);
    expect(t.generate("--bump").status).toBe(0);
    expect(t.pkg().version).toBe("0.4.0");
    t.save(t.spec);
    expect(t.generate("--bump").status).toBe(0);
    expect(t.pkg().version).toBe("0.4.1");
  });

  it("a version the spec raised itself is kept when it is later", () => {
    const t = setup();
    expect(t.generate().status).toBe(0);
    const raised = structuredClone(t.spec);
    raised.info.version = "3.0.0";
    raised.paths["/customers/flag"]!.post!.deprecated = true;
    t.save(raised);
    expect(t.generate("--bump").status).toBe(0);
    expect(t.pkg().version).toBe("3.0.0");
  });

  // the warning named no package ("the package"), and stdout claimed "kept (no change since it was last generated)"
  // though nothing was compared; a first run with --bump said so too, of a package never generated
  it("a package without its openapi.json: a warning at that file, the version kept, no claim of a comparison", () => {
    const dir = tempDir("specforge-bump-");
    writeFileSync(path.join(dir, "api.yaml"), "openapi: 3.1.0\ninfo: { title: x, version: 1.0.0 }\npaths: {}\n");
    const generate = () => runCli(["generate", "api.yaml", "--out", "pkg", "--targets", "types", "--bump"], dir);
    const first = generate();
    expect([first.status, first.stdout, first.stderr]).toEqual([0, "pkg: 9 written, 0 unchanged, 0 removed\n", ""]);
    rmSync(path.join(dir, "pkg/openapi.json"));
    const r = generate();
    expect([r.status, r.stdout, r.stderr]).toEqual([0, "pkg: 1 written, 8 unchanged, 0 removed\n", "pkg/openapi.json warning release/no-previous-spec: the package has no readable openapi.json, the spec it was generated from (an older specforge did not write one): version kept, nothing compared (this run records the spec; the next --bump compares with it)\n"]);
    expect(generate().stdout).toBe("pkg: 0 written, 9 unchanged, 0 removed\npkg: version 1.0.0 kept (no change since it was last generated)\n");
  });

  it("a version pinned in the config wins, with a warning", () => {
    const t = setup();
    copyFileSync(path.join(t.dir, "okra.yaml"), path.join(t.dir, "base.yaml"));
    writeFileSync(path.join(t.dir, "specforge.config.json"), JSON.stringify({ specs: [{ input: "okra.yaml", output: "pkg", packageName: "okra", packageVersion: "5.0.0", targets: ["types"] }] }));
    expect(runCli(["generate"], t.dir).status).toBe(0);
    const removed = structuredClone(t.spec);
    delete removed.paths["/customers/remove"];
    t.save(removed);
    const r = runCli(["generate", "--bump"], t.dir);
    expect(r.status).toBe(0);
    // at the config's packageVersion: with several specs in a config, the message alone named none of them
    expect(r.stderr).toContain("specforge.config.json:1:68 (#/specs/0/packageVersion) warning release/pinned: packageVersion 5.0.0 is set in the config: --bump leaves it");
    expect(r.stdout).not.toContain("kept (no change");
    expect(t.pkg().version).toBe("5.0.0");
  });
});
