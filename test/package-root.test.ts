import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { packagePath, webAppFolder, workerScript } from "../src/package-root.js";

describe("workerScript", () => {
  const copy = mkdtempSync(join(tmpdir(), "pacelab-build-copy-"));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it("takes the compiled worker beside its caller, so a copied build runs its own threads", () => {
    // A build copied outside the package: its workers must not be the package's build.
    writeFileSync(join(copy, "replication-worker.js"), "");
    const caller = pathToFileURL(join(copy, "replication-pool.js")).href;
    expect(workerScript(caller, "dist", "src", "tuning", "replication-worker.js")).toBe(
      join(copy, "replication-worker.js"),
    );
  });

  it("falls back to the package's build when the caller runs from sources", () => {
    const caller = pathToFileURL(packagePath("src", "tuning", "replication-pool.ts")).href;
    expect(workerScript(caller, "dist", "src", "tuning", "replication-worker.js")).toBe(
      packagePath("dist", "src", "tuning", "replication-worker.js"),
    );
  });
});

describe("webAppFolder", () => {
  const copy = mkdtempSync(join(tmpdir(), "pacelab-build-copy-"));
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it("takes the pages beside a compiled command, so a copied build serves its own", () => {
    mkdirSync(join(copy, "web", "app"), { recursive: true });
    const command = pathToFileURL(join(copy, "src", "cli", "serve-command.js")).href;
    expect(webAppFolder(command)).toBe(join(copy, "web", "app"));
  });

  it("falls back to the package's build when the command runs from sources", () => {
    const command = pathToFileURL(packagePath("src", "cli", "serve-command.ts")).href;
    expect(webAppFolder(command)).toBe(packagePath("dist", "web", "app"));
  });
});
