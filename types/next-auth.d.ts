// Module augmentation for the fields Twofold adds to next-auth sessions and JWTs.
import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    /** Set only while the session is valid (see [Note: session version]). */
    userId?: string;
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    /** The user's session version when this token was issued. */
    sv?: number;
    revoked?: boolean;
  }
}
