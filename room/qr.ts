import { encode } from 'uqr'

/**
 * The join link as a black-on-white QR code in SVG: error correction M (raised
 * to whatever the chosen size allows at no cost, so a smudged screen still scans) and a
 * 4-module quiet zone (the QR spec's minimum). uqr encodes; we draw each row's
 * dark runs as one stroked path, which keeps the file a few kilobytes instead
 * of one rectangle per module.
 */
export function qrSvg(text: string): string {
  const { data, size } = encode(text, { ecc: 'M', boostEcc: true, border: 4 })
  let path = ''
  data.forEach((row, y) => {
    let x = 0
    while (x < size) {
      if (!row[x]) {
        x++
        continue
      }
      const start = x
      while (x < size && row[x])
        x++
      path += `M${start} ${y + 0.5}h${x - start}`
    }
  })
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">`
    + `<path fill="#ffffff" d="M0 0h${size}v${size}H0z"/>`
    + `<path stroke="#000000" d="${path}"/></svg>\n`
}
