import antfu from '@antfu/eslint-config'

export default antfu({
  vue: true,
  typescript: true,
  ignores: ['dist/**', 'data/**', 'bench/results/**', '.slidev/**', 'slides.md', '**/*.md'],
  markdown: false,
})
