// Reads the committed vector files in Node.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NegativeVectors } from './negative-types';
import type { EnvelopeVectors, FileVectors, FolderVectors, KeyVectors, VectorSet } from './types';

function read<T>(name: string): T {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`./${name}.json`, import.meta.url)), 'utf8')) as T;
}

export function loadVectors(): VectorSet {
  return {
    file: read<FileVectors>('file'), keys: read<KeyVectors>('keys'), envelope: read<EnvelopeVectors>('envelope'), folders: read<FolderVectors>('folders'),
  };
}

export function loadNegativeVectors(): NegativeVectors {
  return read<NegativeVectors>('negative');
}
