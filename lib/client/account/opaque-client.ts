// The browser half of OPAQUE (@serenity-kit/opaque). Loaded on demand: its
// WASM is only needed on the account pages. The password goes into these
// functions and nowhere else; only protocol messages come out.
import { fromBase64Url } from '@/lib/crypto/bytes';
import { meetsKdfFloor, type KdfParams } from '@/lib/shared/kdf-params';
import { UserFacingError } from '@/lib/shared/user-facing-error';

type Opaque = typeof import('@serenity-kit/opaque');

let loaded: Promise<Opaque> | undefined;
async function opaque(): Promise<Opaque> {
  loaded ??= import('@serenity-kit/opaque').then(async (module) => {
    await module.ready;
    return module;
  });
  return loaded;
}

export class WeakParamsError extends UserFacingError {
  override name = 'WeakParamsError';
  constructor() {
    super('The server asked for key-stretching parameters below this app\'s minimum; refusing to use them.');
  }
}

// A malicious server could offer cheaper Argon2 parameters so that a record it
// captures is faster to attack; the client refuses anything below its floor.
function keyStretching(params: KdfParams) {
  if (!meetsKdfFloor(params)) throw new WeakParamsError();
  const { memoryKiB, iterations, parallelism } = params.opaque.keyStretching;
  return { 'argon2id-custom': { memory: memoryKiB, iterations, parallelism } } as const;
}

// Let the browser paint the progress indicator before Argon2 blocks the thread.
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 30));

export async function startRegistration(password: string) {
  const o = await opaque();
  const { clientRegistrationState, registrationRequest } = o.client.startRegistration({ password });
  return {
    registrationRequest,
    async finish(registrationResponse: string, params: KdfParams): Promise<{ registrationRecord: string; exportKey: Uint8Array }> {
      const stretching = keyStretching(params);
      await nextFrame();
      const result = o.client.finishRegistration({ clientRegistrationState, registrationResponse, password, keyStretching: stretching });
      return { registrationRecord: result.registrationRecord, exportKey: fromBase64Url(result.exportKey) };
    },
  };
}

export async function startLogin(password: string) {
  const o = await opaque();
  const { clientLoginState, startLoginRequest } = o.client.startLogin({ password });
  return {
    startLoginRequest,
    /** undefined when the password is wrong or the account does not exist (the two look alike). */
    async finish(loginResponse: string, params: KdfParams): Promise<{ finishLoginRequest: string; exportKey: Uint8Array } | undefined> {
      const stretching = keyStretching(params);
      await nextFrame();
      const result = o.client.finishLogin({ clientLoginState, loginResponse, password, keyStretching: stretching });
      return result && { finishLoginRequest: result.finishLoginRequest, exportKey: fromBase64Url(result.exportKey) };
    },
  };
}
