// Colours for the matrix heatmap: a diverging blue–white–red scale around 0 when the values
// have both signs, a white-to-blue one otherwise; missing values are grey.

export interface Range {
  min: number;
  max: number;
}

export function numericValue(cell: unknown): number | null {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : null;
  if (typeof cell === "string" && cell.trim() !== "") {
    const n = Number(cell);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function rangeOf(data: unknown[][]): Range | null {
  let min = Infinity;
  let max = -Infinity;
  for (const row of data) {
    for (const cell of row) {
      const n = numericValue(cell);
      if (n === null) continue;
      if (n < min) min = n;
      if (n > max) max = n;
    }
  }
  return min === Infinity ? null : { min, max };
}

function mix(a: number, b: number, t: number): number {
  return Math.round(a + (b - a) * t);
}

/** An "rgb(r, g, b)" colour for `value` in `range`. */
export function colourFor(value: number | null, range: Range): string {
  if (value === null) return "rgb(200, 200, 200)";
  const white = [255, 255, 255];
  const blue = [33, 102, 172];
  const red = [178, 24, 43];
  let target: number[];
  let t: number;
  if (range.min < 0 && range.max > 0) {
    const extent = Math.max(-range.min, range.max);
    t = Math.min(1, Math.abs(value) / extent);
    target = value < 0 ? blue : red;
  } else {
    const span = range.max - range.min;
    t = span === 0 ? 0.5 : (value - range.min) / span;
    target = blue;
  }
  return `rgb(${mix(white[0]!, target[0]!, t)}, ${mix(white[1]!, target[1]!, t)}, ${mix(white[2]!, target[2]!, t)})`;
}
