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

// [Note: user-facing errors] and [Note: browser error signals]: errors are
// told apart by class (instanceof) or ApiError code, never by name or message
// text; only lib/client/browser-errors.ts reads the names browsers signal with.
const errorTextMatching = [
  {
    selector: "MemberExpression[object.name=/^(e|err|error|cause|reason|failure)$/][property.name='name']",
    message: 'Tell errors apart with instanceof or ApiError.code; browser DOMException names belong in lib/client/browser-errors.ts.',
  },
  {
    selector: "CallExpression[callee.property.name=/^(includes|startsWith|endsWith|match)$/][callee.object.property.name='message']",
    message: 'Do not match error messages; branch on the class or the ApiError code.',
  },
  {
    selector: "CallExpression[callee.property.name='test'][arguments.0.property.name='message']",
    message: 'Do not match error messages; branch on the class or the ApiError code.',
  },
];
// Components call lib/client, which owns every request (conventions: components never fetch).
const componentFetch = [
  { selector: "CallExpression[callee.name='fetch']", message: 'Call a lib/client function instead of fetch in components and pages.' },
  { selector: "CallExpression[callee.property.name='fetch'][callee.object.name=/^(window|globalThis|self)$/]", message: 'Call a lib/client function instead of fetch in components and pages.' },
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
  {
    files: ['lib/client/**/*.ts', 'lib/client/**/*.tsx'],
    ignores: ['lib/client/browser-errors.ts'],
    rules: { 'no-restricted-syntax': ['error', ...errorTextMatching] },
  },
  {
    files: ['components/**/*.ts', 'components/**/*.tsx', 'app/**/*.ts', 'app/**/*.tsx'],
    ignores: ['app/api/**'],
    rules: { 'no-restricted-syntax': ['error', ...errorTextMatching, ...componentFetch] },
  },
];

export default config;
