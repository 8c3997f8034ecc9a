import { type ChildProcess, spawn } from "node:child_process";

/** A `pacelab serve` process and the URL it printed. */
export interface ServedWorkbench {
  readonly url: string;
  readonly child: ChildProcess;
  /** Stops it with SIGTERM; resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** Starts `pacelab serve` (the compiled CLI) on a free loopback port with extra arguments. */
export function serveWorkbench(
  args: readonly string[],
  cwd = process.cwd(),
): Promise<ServedWorkbench> {
  const child = spawn(
    process.execPath,
    [`${process.cwd()}/dist/src/cli/main.js`, "serve", "--listen", "127.0.0.1:0", ...args],
    { cwd, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stderr?.on("data", (chunk) => {
    err += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      out += chunk;
      const url = /http:\/\/\S+\//.exec(out)?.[0];
      if (url !== undefined) {
        resolve({
          url,
          child,
          stop: () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
      }
    });
    void exited.then((code) => reject(new Error(`pacelab serve exited ${code}: ${err}`)));
  });
}
