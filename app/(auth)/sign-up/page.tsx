import { SignUpForm } from '@/components/account/sign-up-form';
import { AuthShell } from '../auth-shell';

export const metadata = { title: 'Create your account — Twofold' };

export default function Page() {
  return (
    <AuthShell title="Create your account" intro="Your browser derives your keys from your password and generates them here; the server only ever stores them encrypted.">
      <SignUpForm />
    </AuthShell>
  );
}
