/**
 * How long `specforge mock` takes to answer, a report rather than a section of run.mjs:
 *   node bench/mock-start.mjs [spec] [path] [-- other mock command, its port written {PORT}]
 * Default: GitHub's description (@octokit/openapi) and GET /meta. Starts the built CLI (or the command
 * after `--`, Prism's `prism mock <spec> -p {PORT}` say), asks for `path` on 127.0.0.1 every 25 ms and
 * prints the time from spawn to the first 200, the peak resident memory of the process and its children
 * (VmHWM from /proc, Linux only) and the CPU time they used by then; then stops them with SIGTERM.
 */
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dash = process.argv.indexOf("--");
const [spec = `${root}node_modules/@octokit/openapi/generated/api.github.com.json`, urlPath = "/meta"] = process.argv.slice(2, dash < 0 ? undefined : dash);
const port = 20000 + Math.floor(Math.random() * 20000);
const command = dash < 0 ? [process.execPath, `${root}generator/dist/cli/main.js`, "mock", spec, "--port", "{PORT}"] : process.argv.slice(dash + 1);
const args = command.map((a) => a.replace("{PORT}", String(port)));

const started = performance.now();
const child = spawn(args[0], args.slice(1), { stdio: ["ignore", "ignore", "pipe"] });
let stderr = "";
child.stderr.on("data", (d) => (stderr += d));

/** The process and its descendants (Prism may fork). */
function tree(pid) {
  let kids = [];
  try {
    kids = execFileSync("pgrep", ["-P", String(pid)]).toString().trim().split("\n").filter(Boolean).map(Number);
  } catch {}
  return [pid, ...kids.flatMap(tree)];
}
const read = (pid, file) => {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return "";
  }
};
const peakKiB = () => tree(child.pid).reduce((n, pid) => n + Number(/VmHWM:\s+(\d+)/.exec(read(pid, "status"))?.[1] ?? 0), 0);
// utime + stime of the process and its waited-for children, in clock ticks (100 a second on Linux)
const cpuSeconds = () => tree(child.pid).reduce((n, pid) => n + (read(pid, "stat").split(") ")[1]?.split(" ").slice(11, 15).reduce((a, b) => a + Number(b), 0) ?? 0), 0) / 100;

let peak = 0;
const sampling = setInterval(() => (peak = Math.max(peak, peakKiB())), 50);
let status = 0;
while (status !== 200 && performance.now() - started < 300_000 && child.exitCode === null) {
  try {
    const answer = await fetch(`http://127.0.0.1:${port}${urlPath}`);
    status = answer.status;
    await answer.arrayBuffer();
  } catch {}
  if (status !== 200) await new Promise((r) => setTimeout(r, 25));
}
const seconds = (performance.now() - started) / 1000;
peak = Math.max(peak, peakKiB());
const cpu = cpuSeconds();
clearInterval(sampling);
for (const pid of tree(child.pid).reverse()) {
  try {
    process.kill(pid, "SIGTERM");
  } catch {}
}
if (status !== 200) {
  console.error(`no 200 from GET ${urlPath} (last status ${status}); stderr:\n${stderr.slice(-2000)}`);
  process.exit(1);
}
console.log(`first 200 after ${seconds.toFixed(2)} s, peak RSS ${Math.round(peak / 1024)} MB, CPU ${cpu.toFixed(1)} s (${args.slice(0, 3).join(" ")}...)`);
