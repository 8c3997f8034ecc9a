/** The page a URL shows and its parameters: `#/playground?scenario=...&seed=7`. */
export interface Route {
  readonly page: PageName;
  readonly params: URLSearchParams;
}

export const PAGES = ["playground", "evidence", "audit"] as const;
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
 * Whether this page was built to run alone from a static file server (no backend: the
 * playground only). The static build's index.html says so in a meta element.
 */
export function isStaticBuild(): boolean {
  return document.querySelector('meta[name="pacelab-build"]')?.getAttribute("content") === "static";
}
