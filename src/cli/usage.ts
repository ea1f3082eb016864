import { KLINE_INTERVALS } from '../KlineInterval'
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_WARN_AFTER_S, type CommandName } from './commands'
import { STREAM_TOPICS } from './streamTopics'

const topicsOf = (key: string): string =>
  STREAM_TOPICS.filter((t) => t.key === key)
    .map((t) => t.name)
    .join(', ')

const STREAM = `Usage: binance-dex-rx stream <topic> [symbol|address] [options]

Prints the topic's decoded events as NDJSON, one JSON value a line (bigints as strings).

Topics:
  with a symbol:   ${topicsOf('symbol')}
  with an address: ${topicsOf('address')}
  without either:  ${topicsOf('none')}

Options:
  --interval <i>      kline interval (${KLINE_INTERVALS.join(' ')}); required by kline
  --levels <n>        marketDepth levels: 20 (default), 100, 500 or 1000
  --url <url>         server API base, e.g. ws://127.0.0.1:8090/api/ from 'binance-dex-rx simulate'
                      (default: the public mainnet, shut down in 2023)
  --testnet           use the public testnet (wss://testnet-dex.binance.org/api/, shut down in 2023)
  --one-off           print the first event and exit
  --count <n>         exit after n events
  --max-attempts <n>  failed connection attempts in a row before giving up (default ${DEFAULT_MAX_ATTEMPTS})
  --forever           never give up reconnecting (for long captures across server restarts)
  --warn-after <s>    warn when a symbol sent nothing s seconds after connecting (default ${DEFAULT_WARN_AFTER_S}; 0: never)
  --tape <file>       read the events from a tape (from 'record' or 'import') instead of a server; exits at its end
  --speed <n>         with --tape: max (default, as fast as they print) or n times the recorded pace
  -q, --quiet         no connection progress on stderr
  -v, --verbose       the connection's log on stderr: lifecycle, drops, every frame in and out
  -h, --help          show this help

Connection progress (connecting, reconnecting in N ms, connected) goes to stderr, events to stdout.

Example, with 'binance-dex-rx simulate' running in another terminal:
  binance-dex-rx stream trades BNB_BTCB-1DE --url ws://127.0.0.1:8090/api/ --count 5
Or from a tape, with no server:
  binance-dex-rx stream trades 100K-9BC_BNB --tape examples/tapes/testnet-2019.tape
`

const SIMULATE = `Usage: binance-dex-rx simulate [options]

Runs DexSimulator, a local Binance DEX WebSocket server with a simulated market (or a recorded tape),
until Ctrl-C. The same port answers the REST calls GET /api/v1/depth, /api/v1/klines and /api/v1/markets.

Options:
  --port <p>             port to listen on (default 8090; 0 picks a free one)
  --host <h>             interface to listen on (default 127.0.0.1)
  --seed <s>             market seed: the same seed gives the same market (default 42)
  --symbols <a,b,...>    pairs to trade, BASE_QUOTE (default BNB_BTCB-1DE,100K-9BC_BNB,BNB_USDT.B-B7C)
  --block-interval <ms>  time between blocks (default 500)
  --warm-up <minutes>    market history to simulate before listening (default 30; 0 for none)
  --replay <file>        serve a tape written by 'record' instead of a simulated market
  --speed <n>            play the tape n times faster (default 1; 0.5 is half speed; any positive n)
  --loop                 start the tape over after its last frame
  --json                 print the URL, symbols and addresses as one JSON line
  -h, --help             show this help

Examples:
  binance-dex-rx simulate --port 8090 --seed 7
  binance-dex-rx simulate --replay session.tape --speed 10 --loop
`

const RECORD = `Usage: binance-dex-rx record --url <url> --out <file> [--duration <s>] <stream>...

Records the frames of the named streams, exactly as they arrive, into a tape file that
'simulate --replay' plays back. Progress goes to stderr; Ctrl-C ends the recording cleanly.

Streams are named as in the URL path form:
  <symbol>@<topic>     e.g. BNB_BTCB-1DE@trades, BNB_BTCB-1DE@marketDiff, BNB_BTCB-1DE@kline_1m
  $all@<topic>         allTickers, allMiniTickers, blockheight
  <address>            the address's orders, accounts and transfers

Options:
  --url <url>          server API base, e.g. ws://127.0.0.1:8090/api/ (required)
  --out <file>         the tape file to write, replaced if it exists (required)
  --duration <s>       stop after s seconds (default: until Ctrl-C)
  -h, --help           show this help

Example:
  binance-dex-rx record --url ws://127.0.0.1:8090/api/ --out session.tape --duration 60 \\
    BNB_BTCB-1DE@trades BNB_BTCB-1DE@marketDiff '$all@blockheight'
`

const IMPORT = `Usage: binance-dex-rx import tardis <path>... --out <tape>

Imports tardis.dev's archive of the Binance DEX feed (exchange binance-dex) into a tape that
'simulate --replay' and replayTape play back: every frame's exact text at its recorded time.

Paths are files or folders (read recursively), in either of tardis.dev's layouts, gzipped or not:
  cache slices and HTTP API downloads   <time> <message> per line, e.g. tardis-dev's
                                        <cacheDir>/feeds/binance-dex/<hash>/2021/03/01/00/00.json.gz
  tardis-machine /replay NDJSON         {"localTimestamp":"<time>","message":<message>} per line
Files are merged in time order. A disconnect of tardis.dev's recorder (an empty line) is kept as a
disconnect; its depth snapshots (depthSnapshot frames) seed the order book.

Input that is no such data ends the import with exit code 1, naming the file and line; damaged
lines are skipped, named (the first few) and counted. The tape is written beside --out and renamed
when complete.

Options:
  --out <file>    the tape file to write, replaced if it exists (required)
  -h, --help      show this help

Example:
  binance-dex-rx import tardis ./tardis-cache/feeds/binance-dex --out 2021-03-01.tape
`

const DEMO = `Usage: binance-dex-rx demo [options]

A live terminal view of one market through the library: order book, recent trades, the 1m kline,
the 24h ticker and the block height. Keys: q quits, s or Tab switches symbol.

Options:
  --seed <s>         seed of the embedded simulator (default 42)
  --symbol <sym>     the market to show first (default: the first simulated symbol)
  --url <url>        watch this server instead of an embedded simulator
  --testnet          watch the public testnet (shut down in 2023) instead of an embedded simulator
  --frames <n>       print n plain text frames (one per block) and exit
  -h, --help         show this help

Without a terminal (output piped), frames are printed as plain text, one per block.
`

const MAIN = `Usage: binance-dex-rx <command> [options]

Commands:
  stream <topic> [symbol|address]   print a stream's events as NDJSON
  simulate                          run the local simulator
  record <stream>...                record streams' frames into a tape file
  import tardis <path>...           import tardis.dev's Binance DEX archive into a tape file
  demo                              live terminal view of a simulated (or real) market

Options:
  -h, --help      show help (also: binance-dex-rx <command> --help)
  --version       print the version

Examples:
  binance-dex-rx demo                      a simulated market, live in the terminal
  binance-dex-rx simulate --port 8090      a local server with a simulated market; then, elsewhere:
  binance-dex-rx stream trades BNB_BTCB-1DE --url ws://127.0.0.1:8090/api/ --count 5
  binance-dex-rx stream blockheight --url ws://127.0.0.1:8090/api/ --one-off

The public Binance DEX service was shut down in 2023: use --url with a server of your own or the simulator.
`

/** The help text of a command, or of the program. @internal */
export function usage(command?: CommandName): string {
  if (command === 'stream') return STREAM
  if (command === 'simulate') return SIMULATE
  if (command === 'record') return RECORD
  if (command === 'import') return IMPORT
  if (command === 'demo') return DEMO
  return MAIN
}

/** The first line of a help text: what follows a one-line error. @internal */
export function usageLine(command?: CommandName): string {
  return usage(command).split('\n')[0]
}
