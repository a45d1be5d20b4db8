import type { Browser, LaunchOptions } from 'playwright-chromium'
import { existsSync } from 'node:fs'
import process from 'node:process'
import { chromium } from 'playwright-chromium'

/** Environment variable naming a Chromium (or Chrome) binary to use. */
export const BROWSER_ENV = 'CHROMIUM_PATH'

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

export class BrowserNotFoundError extends Error {
  constructor(tried: string[]) {
    super([
      'No Chromium browser was found for tests and export.',
      `Looked for: ${tried.join(', ')}.`,
      'Install one of:',
      '  - Debian/Ubuntu: sudo apt-get install -y chromium',
      '  - Playwright\'s own build (needs internet): npx playwright install chromium',
      `  - or point ${BROWSER_ENV}=/path/to/chromium at a browser you already have.`,
    ].join('\n'))
    this.name = 'BrowserNotFoundError'
  }
}

export interface FoundBrowser {
  executablePath: string
  source: 'playwright' | 'env' | 'system'
}

/**
 * Finds a browser in a fixed order: Playwright's own download, then the path
 * in `CHROMIUM_PATH`, then the system Chromium. Playwright's installer cannot
 * download on an offline machine, so the system browser is the usual answer.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): FoundBrowser {
  const tried: string[] = []
  const bundled = playwrightExecutable()
  if (bundled) {
    tried.push(bundled)
    if (existsSync(bundled))
      return { executablePath: bundled, source: 'playwright' }
  }
  const fromEnv = env[BROWSER_ENV]
  if (fromEnv) {
    if (existsSync(fromEnv))
      return { executablePath: fromEnv, source: 'env' }
    // A wrong explicit path is a mistake worth reporting, not skipping silently.
    throw new BrowserNotFoundError([`${BROWSER_ENV}=${fromEnv} (no such file)`])
  }
  tried.push(`$${BROWSER_ENV} (not set)`)
  for (const path of SYSTEM_CHROMIUM) {
    tried.push(path)
    if (existsSync(path))
      return { executablePath: path, source: 'system' }
  }
  throw new BrowserNotFoundError(tried)
}

function playwrightExecutable(): string | undefined {
  try {
    return chromium.executablePath()
  }
  catch {
    return undefined
  }
}

/** Flags for running as root on a machine without a GPU or outside network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const { executablePath } = findBrowser()
  return chromium.launch({ headless: true, ...options, executablePath, args: [...CHROMIUM_ARGS, ...(options.args ?? [])] })
}
