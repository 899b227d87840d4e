#!/usr/bin/env node
// The `samsa` command; the CLI lives in dist/src/cli (built by `npm run build`).
import('../dist/src/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('samsa: not built yet; run `npm run build` first')
    process.exit(2)
  }
  throw err
})
