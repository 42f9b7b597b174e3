// Regenerates the committed crypto test vectors in tests/vectors/ from fixed
// inputs. Run: node --import tsx scripts/make-vectors.ts
// Regenerating should change nothing; if it does, the format changed.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildAllVectors } from '../tests/vectors/build';
import { buildNegativeVectors } from '../tests/vectors/negative-build';

const dir = fileURLToPath(new URL('../tests/vectors/', import.meta.url));

async function main(): Promise<void> {
  const vectors = await buildAllVectors();
  const negative = await buildNegativeVectors(vectors.file, vectors.keys, vectors.folders, vectors.envelope);
  for (const [name, value] of Object.entries({ ...vectors, negative })) {
    const path = `${dir}${name}.json`;
    await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
    console.log(`wrote ${path}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
