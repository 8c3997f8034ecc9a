/** The workbench's entry point in the page. */
import { render } from "preact";
import { Workbench } from "./workbench.js";

const root = document.getElementById("app");
if (root === null) throw new Error("index.html has no #app element");
render(<Workbench />, root);
