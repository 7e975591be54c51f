/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Where `npm run dev` sends API, S3 and blob requests (TAIGA_DEV_SERVER overrides).
const server = process.env.TAIGA_DEV_SERVER ?? "http://127.0.0.1:8080";

// The app is served by `taiga serve` at {prefix}/ (default /taiga/). Assets are referenced
// relatively (base './'); index.html carries <base href="/taiga/"> so deep links such as
// /taiga/dataset/x/2 still find ./assets/…, and the server rewrites that tag for another prefix.
// The router's basename and the API's URL are read from document.baseURI at run time.
export default defineConfig(({ command }) => ({
  // The dev server serves the app at /taiga/ like taiga serve does, so <base href> agrees.
  base: command === "serve" ? "/taiga/" : "./",
  plugins: [react()],
  build: {
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    proxy: {
      "/taiga/api": server,
      "/taiga/s3": server,
      "/taiga/blob": server,
    },
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    css: false,
    include: ["src/**/*.test.{ts,tsx}"],
  },
}));
