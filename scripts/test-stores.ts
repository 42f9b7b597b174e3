// `npm run test:stores`: the external-S3 path against a second real S3
// implementation, SeaweedFS with local-kms as its KMS (scripts/lib/stores-suite.ts).
// Arguments are vitest file filters: `npm run test:stores -- provision`.
import { fail, step } from './lib/log';
import { runStoresSuite } from './lib/stores-suite';

const started = performance.now();
const result = await runStoresSuite(process.argv.slice(2).filter((arg) => !arg.startsWith('--')));
step(`${result.ok ? 'ok  ' : 'FAIL'} stores: ${result.passed} passed, ${result.failed} failed`);
step(`npm run test:stores took ${((performance.now() - started) / 1000).toFixed(0)} s`);
if (!result.ok) fail('the store suites failed');
