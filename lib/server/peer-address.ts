import 'server-only';
import http from 'node:http';
import https from 'node:https';

// [Note: peer address] Route handlers never see the TCP peer's address, and
// `next start` only fills X-Forwarded-For with it when the request has no such
// header (next/dist/server/base-server.js: `req.headers['x-forwarded-for'] ??=
// socket.remoteAddress`). A client talking to the app directly therefore
// controls every entry of that header, and a rate limit keyed on it could be
// escaped by sending a new value each time. So, once at boot, the servers'
// 'request' event is wrapped to copy the socket address into PEER_HEADER,
// overwriting whatever the client sent under that name; clientIp() trusts the
// header only when this hook is installed in the process.
export const PEER_HEADER = 'x-twofold-peer-address';
const installed = Symbol.for('twofold.peer-address-hook');

type Emit = (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;

export function installPeerAddressHook(): void {
  const store = globalThis as { [installed]?: boolean };
  if (store[installed]) return;
  for (const Server of [http.Server, https.Server]) {
    const proto = Server.prototype as unknown as { emit: Emit };
    const original = proto.emit;
    proto.emit = function emit(event, ...args) {
      if (event === 'request') {
        const req = args[0] as http.IncomingMessage;
        req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? 'unknown';
      }
      return original.call(this, event, ...args);
    };
  }
  store[installed] = true;
}

export function peerAddressHookInstalled(): boolean {
  return (globalThis as { [installed]?: boolean })[installed] === true;
}
