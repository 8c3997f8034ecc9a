import { yaml } from "@codemirror/lang-yaml";
import { type Diagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import { basicSetup, EditorView } from "codemirror";
import { useEffect, useLayoutEffect, useRef } from "preact/hooks";
import { formatIssue, type ScenarioIssue } from "../../../io/read/scenario-error.js";

interface EditorProps {
  readonly text: string;
  readonly issues: readonly ScenarioIssue[];
  readonly onChange: (text: string) => void;
}

/** An issue as an inline error on its line (the first line when the issue has none). */
function diagnosticOf(view: EditorView, issue: ScenarioIssue): Diagnostic {
  const lines = view.state.doc.lines;
  const line = view.state.doc.line(Math.min(Math.max(issue.line ?? 1, 1), lines));
  return { from: line.from, to: line.to, severity: "error", message: formatIssue(issue) };
}

/**
 * The scenario's YAML in CodeMirror 6: highlighting, and the CLI's own file:line:key errors
 * shown inline on the lines they cite. Edits go out through `onChange`; a new `text` from
 * outside (a knob, another scenario) replaces the document.
 */
export function ScenarioEditor({ text, issues, onChange }: EditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  /** The text the editor last sent out: coming back as `text`, it is no news to the editor. */
  const emitted = useRef(text);

  useEffect(() => {
    if (host.current === null) return;
    const editor = new EditorView({
      doc: text,
      parent: host.current,
      extensions: [
        basicSetup,
        yaml(),
        lintGutter(),
        // Long comment lines wrap: a scroller that only a mouse can scroll is out of reach.
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": "Scenario YAML", tabindex: "0" }),
        EditorView.updateListener.of((update) => {
          if (!update.docChanged) return;
          emitted.current = update.state.doc.toString();
          changed.current(emitted.current);
        }),
      ],
    });
    view.current = editor;
    return () => editor.destroy();
  }, []);

  // A layout effect, run before the next keystroke: a late effect would put back an older text
  // over what was typed since, and the two would chase each other.
  useLayoutEffect(() => {
    const editor = view.current;
    if (editor === null || text === emitted.current) return;
    emitted.current = text;
    if (editor.state.doc.toString() === text) return;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
  }, [text]);

  useEffect(() => {
    const editor = view.current;
    if (editor === null) return;
    editor.dispatch(
      setDiagnostics(
        editor.state,
        issues.map((i) => diagnosticOf(editor, i)),
      ),
    );
  }, [issues, text]);

  return <div class="editor" ref={host} />;
}
