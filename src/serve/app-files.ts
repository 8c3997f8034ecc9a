import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".map": "application/json",
};

/** One file of the bundled web app, held in memory. */
export interface AppFile {
  readonly body: Uint8Array;
  readonly type: string;
}

/**
 * The bundled web app (`npm run build:web` writes it), read once into memory by name: the
 * server answers only these names, so no request can reach any other file through them.
 * Throws an Error saying how to build it when the folder is missing.
 */
export function readAppFiles(dir: string): ReadonlyMap<string, AppFile> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new Error(`${dir}: the web app is not built: run npm run build:web`);
  }
  return new Map(
    names.map((name) => [
      name,
      {
        body: readFileSync(join(dir, name)),
        type: CONTENT_TYPES[extname(name)] ?? "application/octet-stream",
      },
    ]),
  );
}
