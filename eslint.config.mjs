import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/**', '.vscode-test/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The core is pure: it runs in the CLI, the server and tests alike, and never touches
    // the editor, processes or the file system directly (file access goes through Workspace).
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['vscode', 'child_process', 'node:child_process', 'fs', 'node:fs', 'fs/promises', 'node:fs/promises'].map((name) => ({
          name,
          message: 'src/core stays pure: no vscode, child_process or fs. Go through the Workspace interface.',
        })),
      }],
    },
  },
);
