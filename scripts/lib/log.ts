// One voice for the launcher: short, prefixed lines; never secrets.
export function step(message: string): void {
  console.log(`twofold: ${message}`);
}

export function fail(message: string): never {
  console.error(`twofold: ${message}`);
  process.exit(1);
}

export async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await fn();
  step(`${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}
