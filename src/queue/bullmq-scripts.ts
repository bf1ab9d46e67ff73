/**
 * The Lua that gives the BullMQ queue the contract's semantics BullMQ (open source) lacks: idempotency
 * ids remembered for days, per-key debounce that replaces a pending job's payload, and per-key
 * serialisation across kinds. Each script is atomic in Redis, so a merge and a claim never interleave:
 * a request merged into a job is seen by that job's run, or it creates a follow-up job.
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

export interface Script {
  lua: string;
  sha: string;
}

function script(lua: string): Script {
  return { lua, sha: createHash("sha1").update(lua).digest("hex") };
}

/** Runs a script by hash, loading it once per server (EVALSHA, then EVAL on NOSCRIPT). */
export async function runScript(
  redis: Redis,
  s: Script,
  keys: string[],
  args: (string | number)[],
): Promise<unknown> {
  try {
    return await redis.evalsha(s.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes("NOSCRIPT")) throw error;
    return redis.eval(s.lua, keys.length, ...keys, ...args);
  }
}

/**
 * KEYS: id key ("" none), debounce key ("" none), meta key of the new job.
 * ARGV: new job id, now, debounceMs, maxWaitMs (-1 none), id ttl s, data JSON, job key prefix, meta ttl s,
 *       kind, key, maxAttempts, meta key prefix.
 * Answers {"dedup", job, added} | {"merged", job, runAt} | {"notyet", job} | {"new", job}. `added` is
 * "1" once the job was handed to BullMQ: an enqueuer that died between marking and adding leaves "".
 */
export const ENQUEUE = script(`
if KEYS[1] ~= '' then
  local known = redis.call('GET', KEYS[1])
  if known then return {'dedup', known, redis.call('HGET', ARGV[12] .. known, 'added') or ''} end
end
if KEYS[2] ~= '' then
  local target = redis.call('HGET', KEYS[2], 'job')
  if target then
    if redis.call('EXISTS', ARGV[7] .. target) == 0 then return {'notyet', target} end
    redis.call('HSET', ARGV[7] .. target, 'data', ARGV[6])
    if KEYS[1] ~= '' then redis.call('SET', KEYS[1], target, 'EX', ARGV[5]) end
    local runAt = tonumber(ARGV[2]) + tonumber(ARGV[3])
    local maxWait = tonumber(ARGV[4])
    local first = tonumber(redis.call('HGET', KEYS[2], 'first'))
    if maxWait >= 0 and first + maxWait < runAt then runAt = first + maxWait end
    return {'merged', target, tostring(runAt)}
  end
end
if KEYS[1] ~= '' then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[5]) end
if KEYS[2] ~= '' then redis.call('HSET', KEYS[2], 'job', ARGV[1], 'first', ARGV[2]) end
redis.call('HSET', KEYS[3], 'kind', ARGV[9], 'key', ARGV[10], 'maxAttempts', ARGV[11], 'enqueuedAt', ARGV[2],
  'runs', 0, 'released', 0, 'busy', 0)
redis.call('EXPIRE', KEYS[3], ARGV[8])
return {'new', ARGV[1]}
`);

/** KEYS: id key, debounce key. ARGV: job id. Undoes ENQUEUE's marks when adding the job failed. */
export const UNMARK = script(`
if KEYS[1] ~= '' and redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
if KEYS[2] ~= '' and redis.call('HGET', KEYS[2], 'job') == ARGV[1] then redis.call('DEL', KEYS[2]) end
return 1
`);

/**
 * KEYS: key lock ("" none), debounce key ("" none), meta key, job key. ARGV: job id, leaseMs.
 * Takes the key lock and ends the job's debounce window (later requests make a follow-up job).
 * Answers {"busy", n} (n-th time in a row) | {"ok", attempt, data, maxAttempts, enqueuedAt}.
 */
export const CLAIM = script(`
if KEYS[1] ~= '' then
  local holder = redis.call('GET', KEYS[1])
  if holder and holder ~= ARGV[1] then
    return {'busy', tostring(redis.call('HINCRBY', KEYS[3], 'busy', 1))}
  end
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
end
if KEYS[2] ~= '' and redis.call('HGET', KEYS[2], 'job') == ARGV[1] then redis.call('DEL', KEYS[2]) end
redis.call('HSET', KEYS[3], 'busy', 0)
local runs = redis.call('HINCRBY', KEYS[3], 'runs', 1)
local released = tonumber(redis.call('HGET', KEYS[3], 'released') or '0')
return {'ok', tostring(runs - released), redis.call('HGET', KEYS[4], 'data') or '',
  redis.call('HGET', KEYS[3], 'maxAttempts') or '', redis.call('HGET', KEYS[3], 'enqueuedAt') or ''}
`);

/** KEYS: key lock. ARGV: job id, leaseMs. Renews the lock while its holder runs. */
export const RENEW = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`);

/** KEYS: key lock. ARGV: job id. */
export const UNLOCK = script(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);
