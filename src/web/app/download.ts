/** Has the browser save `text` as a file named `name`. */
export function downloadText(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** Offers `doc` as a JSON file, written as the CLI writes it (two-space indent, final newline). */
export function downloadJson(name: string, doc: unknown): void {
  downloadText(name, `${JSON.stringify(doc, null, 2)}\n`, "application/json");
}
