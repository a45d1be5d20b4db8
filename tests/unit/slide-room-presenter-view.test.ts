import { describe, expect, it } from 'vitest'
import { isPresenterView } from '../../slide-room/presenter-view'

describe('isPresenterView', () => {
  it('is true only on Slidev\'s presenter route, in its main slide or its global layer', () => {
    expect(isPresenterView({ printing: false, presenterRoute: true, renderContext: 'presenter' })).toBe(true)
    expect(isPresenterView({ printing: false, presenterRoute: true, renderContext: null })).toBe(true)
  })

  it('is false on the projector, whatever the browser holds: the route decides, not the secret', () => {
    // The one-laptop setup: the audience window shares the presenter's cookie and storage.
    for (const renderContext of ['slide', null, 'presenter'])
      expect(isPresenterView({ printing: false, presenterRoute: false, renderContext })).toBe(false)
  })

  it('is false in the presenter view\'s "next slide" preview and in the overview', () => {
    for (const renderContext of ['previewNext', 'overview', 'slide'])
      expect(isPresenterView({ printing: false, presenterRoute: true, renderContext })).toBe(false)
  })

  it('is false in print and export', () => {
    expect(isPresenterView({ printing: true, presenterRoute: true, renderContext: 'presenter' })).toBe(false)
  })
})
