/** The page a URL shows and its parameters: `#/playground?scenario=...&seed=7`. */
export interface Route {
  readonly page: PageName;
  readonly params: URLSearchParams;
}

export const PAGES = ["playground", "evidence", "audit", "live"] as const;
export type PageName = (typeof PAGES)[number];

/** The route a location hash names; the playground when it names none. */
export function routeOf(hash: string): Route {
  const [path, query = ""] = hash.replace(/^#\/?/, "").split("?", 2);
  const page = (PAGES as readonly string[]).includes(path) ? (path as PageName) : "playground";
  return { page, params: new URLSearchParams(query) };
}

/** The hash of a route. */
export function hashOf(page: PageName, params?: URLSearchParams): string {
  const query = params?.toString() ?? "";
  return `#/${page}${query === "" ? "" : `?${query}`}`;
}

/**
 * Which server the page came from, as its index.html's meta element says: `server` (pacelab
 * serve: every page), `static` (any static file server, no backend: the playground alone) or
 * `monitor` (pacelab live --monitor: the Live page alone).
 */
export function buildKind(): "server" | "static" | "monitor" {
  const kind = document.querySelector('meta[name="pacelab-build"]')?.getAttribute("content");
  return kind === "static" || kind === "monitor" ? kind : "server";
}

/** The pages each build shows, the first one by default. */
export const BUILD_PAGES: Readonly<Record<ReturnType<typeof buildKind>, readonly PageName[]>> = {
  server: PAGES,
  static: ["playground"],
  monitor: ["live"],
};
