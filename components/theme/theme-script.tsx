import { THEME_SCRIPT } from '@/lib/client/theme/theme-choice';

/** [Note: theme before first paint]: nonced, so the page CSP lets it run. */
export function ThemeScript({ nonce }: { nonce: string | undefined }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />;
}
