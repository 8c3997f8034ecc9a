/** `npm run build:web`: bundles the workbench into dist/web/ (see buildWeb). */
import { buildWeb, WEB_OUT } from "./build-web.js";

await buildWeb();
process.stdout.write(`wrote ${WEB_OUT}/app (pacelab serve) and ${WEB_OUT}/playground (static)\n`);
