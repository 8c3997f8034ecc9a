/** The browser's stand-in for version.ts: the web bundle defines the version from package.json. */
declare const PACELAB_VERSION: string;

/** pacelab's version, recorded in every result. */
export const VERSION: string = PACELAB_VERSION;
