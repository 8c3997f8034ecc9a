import { existsSync } from "node:fs";

/** Debian's chromium package; CI installs it, so there the browser tests must run. */
export const CHROMIUM = "/usr/bin/chromium";

/** Headless, sandbox-free (root in CI), and quiet: nothing fetched from the network. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Skips the test without Chromium, except in CI, where a missing browser is an error. */
export function skipWithoutChromium(ctx: { skip: () => void }): void {
  if (existsSync(CHROMIUM)) return;
  if (process.env.CI) {
    throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium package`);
  }
  ctx.skip();
}
