import { SignInForm } from '@/components/account/sign-in-form';
import { AuthShell } from '../auth-shell';

export const metadata = { title: 'Sign in — Twofold' };

export default function Page() {
  return (
    <AuthShell title="Sign in" intro="Your password never leaves this browser: the server never sees it, not even hashed.">
      <SignInForm />
    </AuthShell>
  );
}
