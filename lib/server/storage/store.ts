import 'server-only';
import { getServerEnv } from '../env';
import { createS3Client, storageConfigFromEnv } from './client';
import { ObjectStore } from './object-store';

let store: ObjectStore | undefined;

/** The process-wide store, built from the validated environment. */
export function getObjectStore(): ObjectStore {
  if (!store) {
    const config = storageConfigFromEnv(getServerEnv());
    store = new ObjectStore(createS3Client(config), config);
  }
  return store;
}
