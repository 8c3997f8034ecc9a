import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Tests that keep time by the wall clock (live runs against SIPp, Kamailio and baresip, the
// endpoint, the Slurm cluster, the Live page) run one at a time, after the others: a test
// beside them on the same cores could delay a SIP message past a time-scaled deadline. The
// others only compute, so they share every core (vitest's default leaves one free).
const WALL_CLOCK = [
  "test/live/**/*.test.ts",
  "test/endpoint/**/*.test.ts",
  "test/cluster/**/*.test.ts",
  "test/web/live-page.test.ts",
];

export default defineConfig({
  test: {
    globalSetup: ["test/support/build.ts"],
    testTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "compute",
          include: ["test/**/*.test.ts"],
          exclude: WALL_CLOCK,
          maxWorkers: availableParallelism(),
        },
      },
      {
        extends: true,
        test: {
          name: "wall-clock",
          include: WALL_CLOCK,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
