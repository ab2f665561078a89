// Preloaded into a benchmarked process: writes its peak RSS (KiB) to $ACK_TS_RSS_FILE at exit.
const { appendFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.ACK_TS_RSS_FILE) appendFileSync(process.env.ACK_TS_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});
