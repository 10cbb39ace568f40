// Lint rules: typescript-eslint's recommended set plus the house rules (named exports, env read only in server/env.ts).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports (house style).' },
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Only server/env.ts reads the environment.' },
      ],
    },
  },
  {
    files: ['server/env.ts', 'vite.config.ts', 'scripts/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // declarations of third-party modules describe their default exports
    files: ['server/types/**/*.d.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // API responses in tests are untyped JSON by nature
    files: ['tests/**/*.ts', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', '.ci/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
