import { BUNDLED_FILES } from "../../io/read/package-file.browser.js";

/** The bundled scenario files (`scenarios/*.yaml`), as the pages offer them. */
export const BUNDLED_SCENARIOS = Object.keys(BUNDLED_FILES).filter(
  (f) => f.startsWith("scenarios/") && f.endsWith(".yaml"),
);
