import "@testing-library/jest-dom/vitest";
import { afterEach } from "vitest";
import { cleanup } from "@testing-library/react";

afterEach(() => {
  cleanup();
  localStorage.clear();
  sessionStorage.clear();
});

// jsdom lays nothing out: give virtualised scroll boxes a size so they render their rows.
for (const [property, size] of [["clientHeight", 600], ["clientWidth", 1000]] as const) {
  Object.defineProperty(HTMLElement.prototype, property, {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains("vtable-body") ? size : 0;
    },
  });
}

// jsdom has no canvas: getContext answers null (the heatmap then draws nothing) instead of logging.
HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement["getContext"];
