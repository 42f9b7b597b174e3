import { VaultHome } from '@/components/account/vault-home';

export const metadata = { title: 'Your vault — Twofold' };

export default function Page() {
  return <VaultHome />;
}
