// Preloaded (node --import) by bench/importTardis.mjs: prints the process's peak resident set size, in KiB,
// on stderr as it exits, however it exits.
process.on('exit', () => process.stderr.write(`peak rss ${process.resourceUsage().maxRSS}\n`))
