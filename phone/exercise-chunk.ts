/**
 * The second chunk of the phone page: the exercise screens and their styles.
 * build.ts bundles this file on its own (an IIFE that assigns the global
 * `EXERCISE_CHUNK_GLOBAL`), served from `/join/exercise.<hash>.js` and loaded by
 * exercise-loader.ts when the room runs an exercise, or at idle before that.
 */
import { createExerciseUi } from './render-exercise'

/** The minified exercise.css; build.ts defines it and pins its hash in the page's CSP. */
declare const __EXERCISE_CSS__: string

const style = document.createElement('style')
style.textContent = __EXERCISE_CSS__
document.head.appendChild(style)

export { createExerciseUi }
