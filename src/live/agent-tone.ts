/**
 * What an agent "says" in live mode: a quiet 400 Hz tone in PCMU (G.711 mu-law, 8 kHz). The
 * callee side only checks the payload type and SSRC, but a real tone keeps captures audible.
 * Also the comfort noise in PCMU, for callees whose answer did not accept payload 13.
 */

const SAMPLE_RATE = 8000;
const TONE_HZ = 400;
const AMPLITUDE = 4000; // of 32767: about -18 dBov
const MULAW_BIAS = 0x84;
const MULAW_CLIP = 32635;

/** Encodes one 16-bit linear sample as G.711 mu-law (ITU-T G.711, the usual segment search). */
export function linearToMulaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(Math.abs(Math.trunc(sample)), MULAW_CLIP) + MULAW_BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  magnitude = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | magnitude) & 0xff;
}

/**
 * `samples` mu-law bytes of the tone. 400 Hz fits a whole number of periods into any multiple
 * of 2.5 ms, so packets of 20 ms (or 5, 10, 40...) repeat the same bytes without a click.
 */
export function agentTone(samples: number): Uint8Array {
  const bytes = new Uint8Array(samples);
  for (let i = 0; i < samples; i++)
    bytes[i] = linearToMulaw(AMPLITUDE * Math.sin((2 * Math.PI * TONE_HZ * i) / SAMPLE_RATE));
  return bytes;
}

/** Peak of the comfort noise sent in PCMU: about -60 dBov, the level of RFC 3389's noise. */
const NOISE_AMPLITUDE = 33;

/**
 * `samples` mu-law bytes of quiet white noise, for a callee that did not accept comfort-noise
 * packets (payload 13): the same hiss, carried in the codec it did accept. Drawn once from a
 * fixed generator, so every run sends the same bytes.
 */
export function comfortNoiseInPcmu(samples: number): Uint8Array {
  const bytes = new Uint8Array(samples);
  let state = 0x2545f491;
  for (let i = 0; i < samples; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0; // Numerical Recipes' LCG
    bytes[i] = linearToMulaw(((state / 2 ** 32) * 2 - 1) * NOISE_AMPLITUDE);
  }
  return bytes;
}
