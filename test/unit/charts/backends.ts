import type { BackendName } from '../../../src/charts/index.js';

/**
 * Which chart backends this machine can run. @napi-rs/canvas is a regular dependency, so always;
 * node-canvas only where npm built the optional chartjs-node-canvas and its native `canvas`
 * (cairo and pango present). `nodeCanvasMissing` says what is missing, for skip reasons.
 */
async function probe(name: string): Promise<string | null> {
  try {
    await import(name);
    return null;
  } catch (err) {
    return `${name}: ${(err as Error).message.split('\n')[0]}`;
  }
}

export const nodeCanvasMissing: string | null =
  (await probe('chartjs-node-canvas')) ?? (await probe('canvas'));

export const INSTALLED_BACKENDS: readonly BackendName[] = nodeCanvasMissing === null ? ['node-canvas', 'napi-rs'] : ['napi-rs'];

/** Printed once per test file that would have run node-canvas, so a skip is never silent. */
export function reportSkippedNodeCanvas(): void {
  if (nodeCanvasMissing !== null) console.warn(`node-canvas backend not tested: ${nodeCanvasMissing}`);
}
