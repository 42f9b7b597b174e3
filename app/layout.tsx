import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Twofold — end-to-end encrypted file vault',
  description: 'Your browser encrypts every file before it leaves your device; the storage encrypts it again.',
};

// Every page is rendered per request: its scripts must carry that request's
// CSP nonce ([Note: content security policy]), which a page prerendered at
// build time could not know.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
