import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";
import { type EndpointHandle, startEndpoint } from "../../src/endpoint/start-endpoint.js";
import { loadScenario } from "../../src/scenario/load.js";
import { TimeScale } from "../../src/time/time-scale.js";
import { type CliProcess, startCli } from "./cli-process.js";

/**
 * Test support for `pacelab live` through the compiled CLI: the scenario file a test writes,
 * the built-in endpoint that answers it, and the CLI process dialling it.
 */

/** The time scale of the CLI tests: a minute of scenario time in 2 s. */
export const LIVE_CLI_K = 30;

/** A live CLI test's folder, its scenario file, and the endpoint answering that scenario. */
export interface LiveCliRig {
  readonly dir: string;
  readonly file: string;
  readonly endpoint: EndpointHandle;
}

/**
 * Writes `yaml` as scenario.yaml in a fresh folder and starts the built-in endpoint for it on a
 * loopback port at {@link LIVE_CLI_K}; the endpoint stops when the test ends.
 */
export async function startLiveCliRig(yaml: string, seed?: number): Promise<LiveCliRig> {
  const dir = mkdtempSync(join(tmpdir(), "pacelab-live-cli-"));
  const file = join(dir, "scenario.yaml");
  writeFileSync(file, yaml);
  const endpoint = await startEndpoint({
    scenario: loadScenario(file),
    listen: { host: "127.0.0.1", port: 0 },
    timeScale: TimeScale.of(LIVE_CLI_K),
    ...(seed === undefined ? {} : { seed }),
  });
  onTestFinished(() => endpoint.stop());
  return { dir, file, endpoint };
}

/**
 * `pacelab live` on the rig's scenario to `127.0.0.1:port` (the endpoint's unless given) at
 * {@link LIVE_CLI_K}, writing into the rig's out/ with its lock-out store in the rig's folder;
 * `args` add the rest.
 */
export function startLiveCli(rig: LiveCliRig, args: readonly string[], port?: number): CliProcess {
  return startCli([
    "live",
    rig.file,
    ...["--target", `127.0.0.1:${port ?? rig.endpoint.address.port}`],
    ...["--time-scale", String(LIVE_CLI_K)],
    ...["--out", join(rig.dir, "out"), "--lockouts", join(rig.dir, "lockouts.sqlite")],
    ...args,
  ]);
}
