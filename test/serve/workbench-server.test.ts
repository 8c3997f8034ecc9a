import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServedWorkbench, serveWorkbench } from "../support/served-workbench.js";

/** A GET with the path sent exactly as written (fetch would normalise `..` away). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path }, (res) => {
      let body = "";
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on("error", reject)
      .end();
  });
}

describe("pacelab serve", () => {
  let served: ServedWorkbench;
  beforeAll(async () => {
    // 10 KiB upload limit, and a store that does not exist yet.
    served = await serveWorkbench(["--max-upload-mb", "0.01", "--store", "reports/none.sqlite"]);
  });
  afterAll(async () => {
    await served?.stop();
  });

  it("listens on loopback and serves the bundled app with a same-origin policy", async () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const reply = await fetch(served.url);
    expect(reply.status).toBe(200);
    expect(await reply.text()).toContain('<meta name="pacelab-build" content="server" />');
    expect(reply.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect((await fetch(`${served.url}replication-worker.js`)).status).toBe(200);
  });

  it("reads files inside its folder and refuses any path out of it, saying why", async () => {
    const ok = await fetch(`${served.url}api/file?path=scenarios/default.yaml`);
    expect(await ok.json()).toEqual({
      path: "scenarios/default.yaml",
      text: readFileSync("scenarios/default.yaml", "utf8"),
    });
    const out = await fetch(`${served.url}api/file?path=${encodeURIComponent("../../etc/passwd")}`);
    expect(out.status).toBe(403);
    expect((await out.json()).error).toBe(
      `../../etc/passwd: outside the served folder ${process.cwd()}: refused`,
    );
    const absolute = await fetch(`${served.url}api/file?path=%2Fetc%2Fpasswd`);
    expect(absolute.status).toBe(403);
    expect((await rawGet(served.url, "/../package.json")).status).toBe(404);
    expect((await rawGet(served.url, "/%2e%2e/package.json")).status).toBe(404);
  });

  it("refuses an upload over the limit with a 413 and the limit", async () => {
    const reply = await fetch(`${served.url}api/audit?name=calls.csv`, {
      method: "POST",
      body: "x".repeat(20_000),
    });
    expect(reply.status).toBe(413);
    expect((await reply.json()).error).toBe(
      "upload too large: the limit is 10486 bytes (--max-upload-mb)",
    );
  });

  it("says there is no evidence yet rather than creating a store", async () => {
    const reply = await fetch(`${served.url}api/evidence`);
    expect(await reply.json()).toEqual({
      store: "reports/none.sqlite",
      verification: null,
      campaigns: [],
    });
  });

  it("stops on SIGTERM with exit code 0", async () => {
    const other = await serveWorkbench([]);
    expect(await other.stop()).toBe(0);
  });

  it("rejects a bad --listen with exit code 2 and what it expected", () => {
    const r = spawnSync(
      process.execPath,
      ["dist/src/cli/main.js", "serve", "--listen", "nowhere"],
      {
        encoding: "utf8",
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--listen: expected host:port (e.g. 127.0.0.1:8080), got "nowhere"');
  });
});
