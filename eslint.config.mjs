import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// Import boundaries (docs/architecture.md): imports flow app → components →
// lib/client → lib/crypto, and app/api → lib/server → lib/shared. The rules
// below hold that so nobody has to remember it.
const serverImports = [
  { group: ['@/lib/server', '@/lib/server/*', '**/lib/server/*'], message: 'Only server code may import lib/server.' },
];
const frameworkImports = [
  { group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'next', 'next/*', 'next-auth', 'next-auth/*'], message: 'lib/crypto and lib/shared are framework-free.' },
];

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ['.next/**', '.twofold/**', 'node_modules/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['lib/crypto/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          ...serverImports, ...frameworkImports,
          { group: ['@/lib/client', '@/lib/client/*', '**/lib/client/*', '@/components/*', '@/app/*'], message: 'lib/crypto is pure: no app, client or UI code.' },
        ],
      }],
    },
  },
  {
    files: ['lib/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...serverImports, ...frameworkImports] }] },
  },
  {
    files: ['lib/client/**/*.ts', 'lib/client/**/*.tsx', 'components/**/*.ts', 'components/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: serverImports }] },
  },
];

export default config;
