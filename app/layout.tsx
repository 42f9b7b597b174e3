import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { ThemeScript } from '@/components/theme/theme-script';
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
  // proxy.ts put the policy on the request; its nonce lets the theme script run.
  const nonce = (await headers()).get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1];
  return (
    // The theme script sets the class on <html> before React hydrates ([Note: themes]).
    <html lang="en" suppressHydrationWarning>
      <head>
        <ThemeScript nonce={nonce} />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
