import antfu from '@antfu/eslint-config'

export default antfu(
  {
    vue: true,
    typescript: true,
    markdown: false,
    ignores: ['dist/**', 'data/**', 'bench/results/**', '.slidev/**', '**/*.md'],
  },
  {
    // Command-line entry points talk to a terminal and may await at the top.
    files: ['bin/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-console': 'off',
      'antfu/no-top-level-await': 'off',
    },
  },
)
