import { useEffect, useRef } from "react";
import { colourFor, numericValue, rangeOf } from "./heatmap";

const kCell = 8;

/** The preview's values as coloured cells on a canvas, with the scale written out. */
export function Heatmap({ data, label }: { data: unknown[][]; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const range = rangeOf(data);
  const columns = Math.max(0, ...data.map((row) => row.length));
  // Shown cells are 6 to 24 px, so a 3×2 preview is as visible as a 50×50 one.
  const shown = Math.max(6, Math.min(24, Math.floor(480 / Math.max(1, columns, data.length))));

  useEffect(() => {
    const context = ref.current?.getContext?.("2d");
    if (!context || !range) return;
    data.forEach((row, r) =>
      row.forEach((cell, c) => {
        context.fillStyle = colourFor(numericValue(cell), range);
        context.fillRect(c * kCell, r * kCell, kCell, kCell);
      }),
    );
  }, [data, range]);

  if (!range) return <p className="muted">No numeric values to draw.</p>;
  return (
    <figure className="heatmap-figure">
      <canvas
        ref={ref}
        className="heatmap"
        width={columns * kCell}
        height={data.length * kCell}
        style={{ width: columns * shown, height: data.length * shown }}
        role="img"
        aria-label={`${label}: heatmap of ${data.length} rows by ${columns} columns, values from ${range.min} to ${range.max}`}
      />
      <figcaption className="hint">
        Heatmap of the values shown: {range.min < 0 && range.max > 0 ? "blue below 0, red above" : "white (low) to blue (high)"}
        ; from {range.min.toPrecision(4)} to {range.max.toPrecision(4)}; grey is missing.
      </figcaption>
    </figure>
  );
}
