import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.js";
import { CLI } from "./cli-process.js";

/** Without Chromium the browser tests skip, except in CI, where launching it fails and says so. */
export const NO_BROWSER = !existsSync(CHROMIUM) && !process.env.CI;

/** Runs `pacelab args` in `cwd` to its end (for a browser test's setup and its CLI side). */
export function cliSync(
  args: readonly string[],
  cwd = process.cwd(),
): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [resolve(CLI), ...args], { cwd, encoding: "utf8" });
}

/** Clicks the download button named `button` and returns the downloaded file's text. */
export async function downloaded(page: Page, button: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: button }).click(),
  ]);
  return readFileSync((await download.path()) as string, "utf8");
}

/** Where the browser tests write their screenshots (git-ignored). */
export const SCREENSHOTS = "reports/web";

/** Debian's Chromium, headless, driven by playwright-core (no browser download). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** What went wrong on a page: console errors and warnings, page errors, failed or outside requests. */
export function watchProblems(page: Page, origin: string): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on("request", (r) => {
    if (!r.url().startsWith(origin) && !/^(data|blob):/.test(r.url())) {
      problems.push(`outside request: ${r.url()}`);
    }
  });
  return problems;
}

const AXE = readFileSync("node_modules/axe-core/axe.min.js", "utf8");

/**
 * axe-core's WCAG 2 A and AA rules on the page as it stands; returns the serious and critical
 * violations, each as `rule: first offending element`. Evaluated over the DevTools protocol,
 * so the page's content security policy stays on.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe;
    const result = (await axe.run({ runOnly: ["wcag2a", "wcag2aa"] })) as {
      violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      target: v.nodes[0]?.target.join(" ") ?? "",
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.target}`);
}

/** Saves a full-page screenshot as reports/web/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}
