import 'server-only';
import * as opaque from '@serenity-kit/opaque';
import { appDb, type Db } from '../db/app-db';
import { getServerEnv } from '../env';

/** What the account functions need; tests build it from their own DB and setup. */
export interface AuthDeps {
  db: Db;
  /** OPAQUE_SERVER_SETUP: never stored in the DB (docs/accounts.md). */
  serverSetup: string;
}

export async function authDeps(): Promise<AuthDeps> {
  await opaque.ready;
  return { db: await appDb(), serverSetup: getServerEnv().OPAQUE_SERVER_SETUP };
}
