import { writeFileSync } from "node:fs";

/** The only format baresip's `aufile` source takes for G.711: 8 kHz, mono, 16-bit little-endian. */
export const WAV_SAMPLE_RATE = 8000;

/** A sine tone to write as a WAV file. */
export interface Tone {
  readonly seconds: number;
  readonly hz: number;
  /** Peak amplitude, of 32767. */
  readonly amplitude: number;
}

/** The level of a tone as baresip's level meter reports it: its RMS in dB below full scale. */
export function toneDbov(amplitude: number): number {
  return 20 * Math.log10(amplitude / Math.SQRT2 / 32767);
}

/** Writes `tone` to `path` as a PCM WAV file (RIFF, 8 kHz, mono, 16-bit). */
export function writeToneWav(path: string, tone: Tone): void {
  const samples = Math.round(tone.seconds * WAV_SAMPLE_RATE);
  const dataBytes = samples * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write("RIFF", 0, "ascii");
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write("WAVEfmt ", 8, "ascii");
  wav.writeUInt32LE(16, 16); // size of the fmt chunk
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(WAV_SAMPLE_RATE, 24);
  wav.writeUInt32LE(WAV_SAMPLE_RATE * 2, 28); // bytes per second
  wav.writeUInt16LE(2, 32); // bytes per frame
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write("data", 36, "ascii");
  wav.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples; i++) {
    const phase = (2 * Math.PI * tone.hz * i) / WAV_SAMPLE_RATE;
    wav.writeInt16LE(Math.round(tone.amplitude * Math.sin(phase)), 44 + 2 * i);
  }
  writeFileSync(path, wav);
}
