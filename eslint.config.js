// Lint: typescript-eslint (type-aware rules off for speed) plus the Lit and web-components plugins.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', '.test-results/', 'bench/results.json', 'demo/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['components/**/*.ts', 'kiosk/**/*.ts', 'tests/components/**/*.ts', 'tests/kiosk/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  { files: ['components/**/*.ts', 'kiosk/**/*.ts'], ...wc.configs['flat/recommended'] },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|describe|test)$/]", message: 'No focused tests.' },
      ],
    },
  },
  {
    files: ['**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['demo/**/*.js'],
    languageOptions: { globals: { document: 'readonly', location: 'readonly', URLSearchParams: 'readonly', customElements: 'readonly', console: 'readonly' } },
  },
);
