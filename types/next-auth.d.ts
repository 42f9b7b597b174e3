// Module augmentation for the fields Twofold adds to next-auth sessions and JWTs.
import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    /** Set only while the session is valid (see [Note: session records]). */
    userId?: string;
    /** The session record's id: marks "this device" in the session list. */
    sessionId?: string;
  }
  interface User {
    sessionId?: string;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    /** The id of this sign-in's session record (lib/server/db/schema-sessions.ts). */
    sid?: string;
    revoked?: boolean;
  }
}
