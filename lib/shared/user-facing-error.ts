// [Note: user-facing errors] The one base class for errors whose message is
// written for the person using the app: what happened and what they can do,
// never a stack or an internal. Every message mapper (lib/client/errors.ts)
// shows such a message word for word, so a subclass never has to be listed
// anywhere to avoid becoming "Something went wrong".
//
// It lives in lib/shared, not lib/client, because lib/crypto throws some of
// these too (a source that changed mid-upload, a refused download) and lib/crypto
// may not import client code; the worker protocol keeps the flag across the
// worker boundary (lib/crypto/worker-protocol.ts).
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}
