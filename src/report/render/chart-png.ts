import { Resvg } from "@resvg/resvg-js";
import { chartFontFiles, PNG_FONT_FAMILY } from "./chart-fonts.js";

/** Pixels per SVG unit in PNGs: twice the CSS size, crisp on high-density screens and in print. */
export const PNG_SCALE = 2;

/**
 * Rasterises an SVG chart to PNG at `scale` times its size, on white. Text is drawn in DejaVu
 * Sans when it is installed (Debian: fonts-dejavu-core), loaded from its files alone so that
 * the same SVG gives the same PNG; without it, in whatever sans-serif font the system has.
 */
export function renderPng(svg: string, scale = PNG_SCALE): Uint8Array {
  const fontFiles = chartFontFiles();
  const font =
    fontFiles.length > 0
      ? {
          loadSystemFonts: false,
          fontFiles,
          defaultFontFamily: PNG_FONT_FAMILY,
          sansSerifFamily: PNG_FONT_FAMILY,
        }
      : { loadSystemFonts: true };
  const png = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "white",
    font,
    logLevel: "off",
  })
    .render()
    .asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
