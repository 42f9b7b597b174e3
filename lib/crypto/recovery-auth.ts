// The recovery auth token (docs/format.md §11): proves to the server that
// the client holds the recovery key, without revealing it or anything that
// unwraps the root key. HKDF with its own info separates it from the
// recovery wrapping key (§2); it is not bound to the user id because the
// client presents it before the server has told it the user id.
import { assertBytes, encodeFields } from './bytes';
import { KEY_LENGTH } from './constants';
import { RECOVERY_KEY_LENGTH } from './recovery-key';
import { hkdfBytes, importHkdfKey } from './subtle';

const RECOVERY_AUTH_INFO = encodeFields('twofold/v1/recovery-auth');

export async function deriveRecoveryAuthTokenBytes(recoveryKey: Uint8Array): Promise<Uint8Array> {
  assertBytes(recoveryKey, 'recoveryKey', RECOVERY_KEY_LENGTH);
  return hkdfBytes(await importHkdfKey(recoveryKey), new Uint8Array(0), RECOVERY_AUTH_INFO, KEY_LENGTH);
}
