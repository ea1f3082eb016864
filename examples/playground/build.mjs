#!/usr/bin/env node
// Puts the four CDN bundles the playground loads into examples/playground/lib/, so that index.html works
// opened straight from disk with no network: rxjs's UMD, the library's UMD, the in-process simulator's UMD
// and the history UMD (replayTape, tardisTapeLines). Run after `npm run build` (`npm run playground` does both); prints the page's file:// URL.

import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const rxjsBundles = join(dirname(createRequire(import.meta.url).resolve('rxjs/package.json')), 'dist', 'bundles')

/** The bundles, by the name the page loads them under. */
export const BUNDLES = {
  'rxjs.umd.min.js': join(rxjsBundles, 'rxjs.umd.min.js'),
  'binance-dex-rx.umd.min.js': join(root, 'dist', 'binance-dex-rx.umd.min.js'),
  'binance-dex-rx-simulator.umd.min.js': join(root, 'dist', 'binance-dex-rx-simulator.umd.min.js'),
  'binance-dex-rx-history.umd.min.js': join(root, 'dist', 'binance-dex-rx-history.umd.min.js'),
}

/** Copies the bundles (and their source maps, where present); returns the page's file:// URL. */
export function buildPlayground() {
  const lib = join(here, 'lib')
  mkdirSync(lib, { recursive: true })
  for (const [name, source] of Object.entries(BUNDLES)) {
    if (!existsSync(source)) throw new Error(`${source} is missing: run \`npm run build\` first`)
    copyFileSync(source, join(lib, name))
    if (existsSync(`${source}.map`)) copyFileSync(`${source}.map`, join(lib, `${name}.map`))
  }
  return pathToFileURL(join(here, 'index.html')).href
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    console.log(`playground ${buildPlayground()}`)
  } catch (error) {
    console.error(`playground: ${error.message}`)
    process.exitCode = 1
  }
}
