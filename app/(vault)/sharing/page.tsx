import { SharingActivityPage } from '@/components/share/sharing-activity';

export const metadata = { title: 'Sharing activity — Twofold' };

export default function Page() {
  return <SharingActivityPage />;
}
