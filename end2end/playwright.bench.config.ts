import base from "./playwright.config";
import { defineConfig } from "@playwright/test";

// Benchmarks (bench/*.bench.ts): the journeys' browser settings, no global server wait beyond
// /readyz, one worker. Run with `npx playwright test -c playwright.bench.config.ts`.
export default defineConfig({
  ...base,
  testDir: "./bench",
  testMatch: "**/*.bench.ts",
  timeout: 600_000,
});
