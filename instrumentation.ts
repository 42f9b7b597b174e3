// Next.js calls register() once when the server boots: the one place where a
// misconfiguration stops the server with a readable line instead of failing
// on the first request (see [Note: env validation]).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { validateEnvAtBoot } = await import('./lib/server/boot');
    validateEnvAtBoot();
    // Before the first request: see [Note: peer address].
    (await import('./lib/server/peer-address')).installPeerAddressHook();
  }
}
