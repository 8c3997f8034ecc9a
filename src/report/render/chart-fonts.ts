import { existsSync } from "node:fs";

/** The family the PNG renderer draws every text in. */
export const PNG_FONT_FAMILY = "DejaVu Sans";

// Where distributions install DejaVu Sans: Debian and Ubuntu (fonts-dejavu-core), Fedora
// (dejavu-sans-fonts), Arch (ttf-dejavu).
const FONT_DIRS = [
  "/usr/share/fonts/truetype/dejavu",
  "/usr/share/fonts/dejavu-sans-fonts",
  "/usr/share/fonts/dejavu",
  "/usr/share/fonts/TTF",
];
const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"];

/**
 * The DejaVu Sans files (regular and bold) in the first folder that has them, or none. Loading
 * these alone, not whatever fonts the system has, keeps PNGs the same from machine to machine.
 */
export function chartFontFiles(dirs: readonly string[] = FONT_DIRS): string[] {
  for (const dir of dirs) {
    const files = FONT_FILES.map((f) => `${dir}/${f}`);
    if (files.every((f) => existsSync(f))) return files;
  }
  return [];
}
