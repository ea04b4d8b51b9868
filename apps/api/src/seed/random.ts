/**
 * mulberry32: a small, fast, seedable generator, so a seeder run with the same seed makes the
 * same data (the demo looks the same on every machine; benchmarks are repeatable).
 */
export function makeRng(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
