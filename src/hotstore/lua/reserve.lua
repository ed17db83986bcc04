--[[
  Reserve units of an item for a shopper: the atomic step of a buy attempt.
  Nothing else runs on Redis between the checks and the writes.

  Keys 1–4 belong to the item's limit key and carry its hash tag: on a Redis Cluster the script
  touches one slot, and the Idempotency-Key was bound beforehand in the shopper's slot
  (claim_key.lua). On a single Redis the binding is done here too (KEYS[5]): one round trip.

    Input:
      KEYS[1] stock         hash, itemId -> units on sale
      KEYS[2] holdings      hash, userId -> units the shopper holds under the limit key
      KEYS[3] answers       hash, userId NUL idempotencyKey -> the reservation record (JSON)
      KEYS[4] reservations  stream, one entry per reservation granted
      KEYS[5] (optional) the shopper's keys  hash, idempotencyKey -> itemId NUL quantity NUL limitKey

      ARGV[1] itemId
      ARGV[2] userId
      ARGV[3] idempotencyKey
      ARGV[4] quantity
      ARGV[5] perUserLimit
      ARGV[6] the reservation record (JSON), kept as the answer to this key
      ARGV[7] the request the key is bound to (with KEYS[5]; otherwise ignored)
      ARGV[8..] the reservation record as stream field/value pairs

    Output: { code, remaining [, answer] }
      { 'RESERVED', remaining }                the units are taken, the record appended
      { 'REPLAY', remaining, answer }          the key was answered before: that answer again
      { 'IDEMPOTENCY_KEY_REUSED', remaining }  the key was answered for another item or quantity
      { 'LIMIT_REACHED', remaining }
      { 'SOLD_OUT', remaining }
      remaining is the item's units on sale after the call, -1 if its stock was never loaded.
]]
local stockKey, holdingsKey, answersKey, reservationsKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local itemId, userId, idempotencyKey = ARGV[1], ARGV[2], ARGV[3]
local quantity, perUserLimit = tonumber(ARGV[4]), tonumber(ARGV[5])

local left = tonumber(redis.call('HGET', stockKey, itemId) or '-1')

-- The binding of claim_key.lua: a key already bound to another request is refused, whatever item.
if KEYS[5] then
  local bound = redis.call('HGET', KEYS[5], idempotencyKey)
  if not bound then
    redis.call('HSET', KEYS[5], idempotencyKey, ARGV[7])
  elseif bound ~= ARGV[7] then
    return { 'IDEMPOTENCY_KEY_REUSED', left }
  end
end

local answerField = userId .. '\0' .. idempotencyKey

-- A replayed key gets its first answer, even after a sell-out: it never takes units twice.
local answer = redis.call('HGET', answersKey, answerField)
if answer then
  local first = cjson.decode(answer)
  if first.itemId == itemId and tonumber(first.quantity) == quantity then
    return { 'REPLAY', left, answer }
  end
  return { 'IDEMPOTENCY_KEY_REUSED', left }
end

local held = tonumber(redis.call('HGET', holdingsKey, userId) or '0')
if held + quantity > perUserLimit then return { 'LIMIT_REACHED', left } end
if left < quantity then return { 'SOLD_OUT', left } end

left = redis.call('HINCRBY', stockKey, itemId, -quantity)
redis.call('HINCRBY', holdingsKey, userId, quantity)
redis.call('HSET', answersKey, answerField, ARGV[6])
redis.call('XADD', reservationsKey, '*', unpack(ARGV, 8))
return { 'RESERVED', left }
