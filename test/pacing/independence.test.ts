import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// The pacing module runs unchanged in a live dialer: it may import only itself.
describe("src/pacing", () => {
  it("imports nothing from outside src/pacing and reads no clock or randomness", () => {
    const dir = "src/pacing";
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), "utf8");
      for (const match of text.matchAll(/from\s+"([^"]+)"/g)) {
        expect(match[1], `${file} imports ${match[1]}`).toMatch(/^\.\/[\w-]+\.js$/);
      }
      expect(text, file).not.toMatch(/Date\.now|new Date|performance\.now|Math\.random|console\./);
    }
  });
});
