import type { CallsReply, ReplicationRequest, ScenarioSource } from "./replication-messages.js";

/**
 * The calls.csv of one replication (the scenario at `seed`), written in a web worker of its own
 * (`workerUrl`): the replication runs again, keeping its call records, which the page's runs
 * leave out to stay fast. Byte for byte what `simulate --seed <seed> --calls` writes.
 */
export function callsCsvInWorker(
  workerUrl: string,
  source: ScenarioSource,
  seed: number,
): Promise<string> {
  const worker = new Worker(workerUrl);
  return new Promise<string>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<CallsReply>) => {
      if ("error" in data) reject(new Error(data.error));
      else resolve(data.callsCsv);
    };
    worker.onerror = (event) => reject(new Error(event.message));
    const messages: ReplicationRequest[] = [
      { kind: "scenarios", sources: [source] },
      { kind: "calls", id: 0, scenario: 0, seed },
    ];
    for (const message of messages) worker.postMessage(message);
  }).finally(() => worker.terminate());
}
