import { ForgotPasswordForm } from '@/components/account/forgot-password-form';
import { AuthShell } from '../auth-shell';

export const metadata = { title: 'Forgot password — Twofold' };

export default function Page() {
  return (
    <AuthShell title="Forgot password" intro="Set a new password with the recovery key you saved when you created your account. Your files stay readable.">
      <ForgotPasswordForm />
    </AuthShell>
  );
}
