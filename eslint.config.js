import antfu from '@antfu/eslint-config'

export default antfu(
  {
    vue: true,
    typescript: true,
    markdown: false,
    ignores: ['dist/**', 'data/**', 'bench/results/**', '.slidev/**', '.node/**', '**/*.md'],
  },
  {
    rules: {
      // New in @antfu/eslint-config 10 and purely about layout: it would rewrap
      // some 1,700 object literals written under the old rules, changing no behaviour.
      'antfu/reasonable-newline': 'off',
    },
  },
  {
    // Command-line entry points talk to a terminal and may await at the top.
    files: ['bin/**/*.ts', 'bin/**/*.mjs', 'bench/**/*.ts'],
    rules: {
      'no-console': 'off',
      'antfu/no-top-level-await': 'off',
    },
  },
)
