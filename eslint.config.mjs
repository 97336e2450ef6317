import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// The layers, in the order data flows: each may import only the layers listed for it, so an
// import against the flow fails lint. Relative imports stay inside a folder (`./x`); reaching
// into another folder goes through `@/…`, where these zones can see it.
const LAYERS = ['model', 'profiles', 'promql', 'checks', 'sources', 'server', 'client', 'testing'];
const MAY_IMPORT = {
  'lib/model': ['model'],
  'lib/profiles': ['model', 'profiles'],
  'lib/promql': ['model', 'profiles', 'promql'],
  'lib/checks': ['model', 'profiles', 'promql', 'checks'],
  'lib/sources': ['model', 'profiles', 'promql', 'sources'],
  'lib/server': ['model', 'profiles', 'promql', 'checks', 'sources', 'server'],
  'lib/client': ['model', 'client'],
  'lib/testing': ['model', 'profiles', 'promql', 'testing'],
  components: ['model', 'client'],
};

function layerZone(folder, allowed) {
  const forbidden = LAYERS.filter((l) => !allowed.includes(l)).map((l) => `@/lib/${l}/**`);
  if (folder.startsWith('lib/')) forbidden.push('@/components/**', '@/app/**');
  if (folder === 'components') forbidden.push('@/app/**');
  return {
    files: [`${folder}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: forbidden,
              message: `${folder} may import only from ${allowed.join(', ')} (see README, How it is built).`,
            },
            {
              group: ['../*'],
              message: 'Import across folders through @/… so the layer zones apply.',
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      '.cache/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  ...Object.entries(MAY_IMPORT).map(([folder, allowed]) => layerZone(folder, allowed)),
  // What the browser loads stays light: the path's schema (and its schema library, tens of KB)
  // is for the server, which validates every path; the browser's pages only name and link paths.
  {
    files: ['components/**/*.{ts,tsx}', 'lib/client/**/*.ts'],
    ignores: ['lib/client/query-to-path.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@/lib/model/path',
              allowTypeImports: true,
              message: 'Import its types only; describePath is in @/lib/model/path-text.',
            },
            { name: 'zod', message: 'Schemas are validated on the server.' },
          ],
        },
      ],
    },
  },
  // Tests stand outside the flow: they may build fixtures and reach any layer they exercise.
  { files: ['**/*.test.ts'], rules: { 'no-restricted-imports': 'off' } },
);
