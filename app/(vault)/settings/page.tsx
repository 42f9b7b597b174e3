import { SettingsPanel } from '@/components/account/settings-panel';

export const metadata = { title: 'Account settings — Twofold' };

export default function Page() {
  return <SettingsPanel />;
}
