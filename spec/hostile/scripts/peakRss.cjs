// Preloaded with `--require`: reports the process's peak RSS, the kernel's high-water mark (so a peak between
// two samples is not missed), as the last line on stderr when the process exits.
'use strict'
process.on('exit', () => process.stderr.write(`peak-rss ${process.resourceUsage().maxRSS * 1024}\n`))
