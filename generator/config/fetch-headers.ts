/**
 * The config's `fetch.headers` for the commands that otherwise take no config (`diff`, `bundle`, `join`,
 * `mock`, `proxy`): read only when one of their specs is a URL, so a file-only run never depends on a config.
 */
import path from "node:path";
import { findConfig, loadConfig } from "./config.js";
import type { FetchHeaderRule } from "../load/fetch-headers.js";
import { isRemote } from "../load/location.js";

export async function fetchHeadersFor(specs: readonly string[], configFile?: string): Promise<FetchHeaderRule[] | undefined> {
  if (!specs.some(isRemote)) return undefined;
  const file = configFile ? path.resolve(configFile) : findConfig(process.cwd());
  return file ? (await loadConfig(file)).config.fetch?.headers : undefined;
}
