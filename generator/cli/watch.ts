/**
 * `generate --watch`: runs once, then again whenever a watched file changes (the specs, every file their
 * `$ref`s read, the config), after a short debounce so that an editor's several writes make one run. A run
 * that fails prints its problems and keeps the previous output (nothing is written on failure); the next
 * save tries again. Folders are watched rather than files, because editors often save by writing a new
 * file and renaming it over the old one, which ends a watch on the file itself.
 */
import { watch as watchFolder, type FSWatcher } from "node:fs";
import path from "node:path";

const DEBOUNCE_MS = 120;

export interface WatchRun {
  /** Files to watch after this run (absolute); a failed run returns what it knows. */
  files: string[];
}

export interface WatchOptions {
  /** The files of a first run already made (the mock's, serving when watching starts): no run until a change. */
  initial?: string[];
  /** Stops the watching as SIGINT does (the mock's server could not listen). */
  signal?: AbortSignal;
}

/** Resolves once stopped (SIGINT, SIGTERM, `signal`) and the run under way, if any, has ended: none starts after. */
export function watchAndRerun(run: () => Promise<WatchRun>, log: (line: string) => void, options: WatchOptions = {}): Promise<number> {
  return new Promise((resolve) => {
    const watchers = new Map<string, FSWatcher>(); // folder -> watcher
    let watched = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;
    let again = false;
    let stopped = false;

    const sync = (files: string[]) => {
      watched = new Set(files.map((f) => path.resolve(f)));
      const folders = new Set([...watched].map((f) => path.dirname(f)));
      for (const [folder, w] of watchers) if (!folders.has(folder)) (w.close(), watchers.delete(folder));
      for (const folder of folders) {
        if (watchers.has(folder)) continue;
        try {
          const w = watchFolder(folder, (_event, name) => {
            if (name === null || watched.has(path.join(folder, name.toString()))) schedule();
          });
          w.on("error", () => watchers.delete(folder));
          watchers.set(folder, w);
        } catch {
          // a folder that does not exist (yet): a later run will watch it
        }
      }
    };
    const cycle = async () => {
      if (running) {
        again = true;
        return;
      }
      running = (async () => {
        const result = await run();
        // stopped during the run: no folder watched any more (a new watcher would keep the process alive)
        if (stopped) return;
        sync(result.files);
        log(`watching ${watched.size} file(s) for changes (Ctrl-C to stop)`);
      })();
      await running;
      running = undefined;
      if (again && !stopped) {
        again = false;
        schedule();
      }
    };
    const schedule = () => {
      clearTimeout(timer);
      if (!stopped) timer = setTimeout(() => void cycle(), DEBOUNCE_MS);
    };
    const stop = () => {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      options.signal?.removeEventListener("abort", stop);
      // the run under way ends first, so whoever awaits this disposes what it made
      void (running ?? Promise.resolve()).then(() => resolve(0));
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    options.signal?.addEventListener("abort", stop);
    if (options.signal?.aborted) return stop();
    if (!options.initial) return void cycle();
    sync(options.initial);
    log(`watching ${watched.size} file(s) for changes (Ctrl-C to stop)`);
  });
}
