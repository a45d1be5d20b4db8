import { describe, expect, it } from 'vitest'
import { plausibleCommitment, plausibleSubmission } from '../../bench/rehearse/exercise'
import { mulberry32 } from '../../core/seeded'
import { askOffer, COMMITMENT_TEMPLATE } from '../../exercises/ask-offer'
import { validateCommitment, validateSubmission } from '../../exercises/validate'

describe('rehearsal participants in the exercise', () => {
  it('write submissions the room accepts, with some passes', () => {
    const random = mulberry32(7)
    let passes = 0
    for (let i = 0; i < 300; i++) {
      const submission = plausibleSubmission(random)
      const checked = validateSubmission(askOffer, submission)
      expect(checked, JSON.stringify(submission)).toMatchObject({ ok: true })
      if (submission.pass)
        passes++
    }
    expect(passes).toBeGreaterThan(5)
    expect(passes).toBeLessThan(90)
  })

  it('save commitments the room accepts', () => {
    const random = mulberry32(11)
    for (let i = 0; i < 100; i++)
      expect(validateCommitment(COMMITMENT_TEMPLATE, plausibleCommitment(random).commitment)).toMatchObject({ ok: true })
  })
})
