/**
 * Debian's Chromium driven by playwright-core (no browser download): where it is, how to
 * launch it, and where screenshots and timings go (test-artifacts/console/, gitignored).
 */
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'

export const CHROMIUM = process.env.SAMSA_CHROMIUM ?? '/usr/bin/chromium'
export const haveChromium = existsSync(CHROMIUM)

export const ARTIFACTS = join(fileURLToPath(new URL('../../../', import.meta.url)), 'test-artifacts', 'console')

export async function launch(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true })
  const { chromium } = await import('playwright-core')
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}
