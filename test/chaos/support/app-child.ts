// Child-process entry for the process-fault and hostile-artifact suites: the real server with every
// feature, env from the process environment as in production. Prints {"url", "pid"} once listening.
import { loadEnv } from "../../../src/env.js";
import { exitOnSignals, startServer } from "../../../src/server.js";

const env = loadEnv();
const server = await startServer({ env });
process.stdout.write(`${JSON.stringify({ url: server.url, pid: process.pid })}\n`);
exitOnSignals(() => server.close(), env.shutdownDeadlineMs, server.log);
