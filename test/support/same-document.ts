/**
 * The differences between two JSON documents, each as `path: expected -> received`: the same
 * keys in the same order and the same strings, booleans and integers, and fractional numbers
 * within `relative` of each other. The workbench runs the simulator in the browser, whose
 * engine rounds Math.exp, log, sin, cos and pow close to Node's but not always to the same bits
 * (Chromium 156 differs from Node 20 on 2% to 12% of arguments, by function), so a browser's
 * document can differ from the CLI's in the last digits of its fractions; its counts and
 * verdicts must not.
 */
export function documentDifferences(received: string, expected: string, relative = 1e-9): string[] {
  const differences: string[] = [];
  compare(JSON.parse(received), JSON.parse(expected), "$", relative, differences);
  return differences;
}

function compare(r: unknown, e: unknown, path: string, relative: number, out: string[]): void {
  if (typeof r === "number" && typeof e === "number") {
    const close =
      Number.isInteger(r) && Number.isInteger(e)
        ? r === e
        : Math.abs(r - e) <= relative * Math.max(Math.abs(r), Math.abs(e));
    if (!close) out.push(`${path}: ${e} -> ${r}`);
    return;
  }
  if (Array.isArray(r) && Array.isArray(e)) {
    if (r.length !== e.length) out.push(`${path}: ${e.length} items -> ${r.length}`);
    else for (let i = 0; i < r.length; i++) compare(r[i], e[i], `${path}[${i}]`, relative, out);
    return;
  }
  if (isObject(r) && isObject(e)) {
    const [rk, ek] = [Object.keys(r), Object.keys(e)];
    if (rk.join() !== ek.join()) out.push(`${path}: keys ${ek.join()} -> ${rk.join()}`);
    else for (const k of rk) compare(r[k], e[k], `${path}.${k}`, relative, out);
    return;
  }
  if (r !== e) out.push(`${path}: ${JSON.stringify(e)} -> ${JSON.stringify(r)}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
