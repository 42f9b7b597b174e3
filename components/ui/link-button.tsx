import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonClass } from './button';

export function LinkButton({ href, variant = 'primary', children }: { href: string; variant?: 'primary' | 'secondary'; children: ReactNode }) {
  return <Link href={href} className={buttonClass(variant, 'px-5 py-2.5')}>{children}</Link>;
}
