import { useEffect, useState } from "preact/hooks";
import { AuditPage } from "./audit-page.js";
import { EvidencePage } from "./evidence-page.js";
import { LivePage } from "./live/live-page.js";
import { PlaygroundPage } from "./playground/playground-page.js";
import { isRunLink } from "./playground/run-link.js";
import { BUILD_PAGES, buildKind, hashOf, type PageName, routeOf } from "./route.js";

const TITLES: Readonly<Record<PageName, string>> = {
  playground: "Playground",
  evidence: "Evidence",
  audit: "Audit",
  live: "Live",
};

/**
 * The workbench: a page per tab, chosen by the URL's hash. The static build has the
 * playground alone (no server to read the evidence store or audit records), the server of
 * `pacelab live --monitor` the Live page alone.
 */
export function Workbench() {
  const [route, setRoute] = useState(() => routeOf(location.hash));
  /** Bumped when a run link is opened in this tab: the playground starts afresh from it. */
  const [linkOpened, setLinkOpened] = useState(0);
  useEffect(() => {
    const follow = () => {
      const next = routeOf(location.hash);
      setRoute(next);
      if (next.page === "playground" && isRunLink(next.params)) setLinkOpened((n) => n + 1);
    };
    addEventListener("hashchange", follow);
    return () => removeEventListener("hashchange", follow);
  }, []);
  const kind = buildKind();
  const pages = BUILD_PAGES[kind];
  const page = pages.includes(route.page) ? route.page : pages[0];
  useEffect(() => {
    document.title = `${TITLES[page]} · pacelab workbench`;
  }, [page]);
  return (
    <>
      <header>
        <span class="brand">pacelab workbench</span>
        <nav aria-label="Pages">
          {pages.map((p) => (
            <a key={p} href={hashOf(p)} aria-current={p === page ? "page" : undefined}>
              {TITLES[p]}
            </a>
          ))}
        </nav>
      </header>
      {/* Kept while another page shows, so that switching pages loses no edit or result. */}
      {pages.includes("playground") && (
        <div hidden={page !== "playground"}>
          <PlaygroundPage key={linkOpened} params={route.params} serverFiles={kind === "server"} />
        </div>
      )}
      {page === "evidence" && <EvidencePage />}
      {page === "audit" && <AuditPage />}
      {page === "live" && <LivePage />}
    </>
  );
}
