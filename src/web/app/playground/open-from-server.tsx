import { useState } from "preact/hooks";

/** Opens a scenario file from the folder `pacelab serve` was started in, by its path there. */
export function OpenFromServer({
  onOpen,
}: {
  readonly onOpen: (name: string, text: string) => void;
}) {
  const [path, setPath] = useState("");
  const [error, setError] = useState<string | null>(null);
  const open = async () => {
    const reply = await fetch(`api/file?path=${encodeURIComponent(path)}`);
    const body = (await reply.json()) as { path: string; text: string } | { error: string };
    if ("error" in body) {
      setError(body.error);
      return;
    }
    setError(null);
    onOpen(body.path, body.text);
  };
  return (
    <span class="open-server">
      <label for="server-path">or from the served folder</label>
      <input
        id="server-path"
        placeholder="scenarios/my.yaml"
        value={path}
        onInput={(e) => setPath((e.target as HTMLInputElement).value)}
      />
      <button type="button" disabled={path.trim() === ""} onClick={() => void open()}>
        Open
      </button>
      {error !== null && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
