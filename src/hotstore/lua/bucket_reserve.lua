--[[
  Reserve units of an item split over buckets, in the shopper's home bucket: the first step of a buy
  attempt on a hot item (redisBuckets.ts). Every key is the home bucket's: one slot.

  With enough units here it is reserve.lua: replay, limit, take, count, answer, append. Without, it
  *claims* the attempt instead: takes what units there are here, counts the whole quantity in the
  shopper's holding (so the limit holds while the attempt looks elsewhere) and notes the claim; the
  caller then takes the rest from the other buckets (bucket_take.lua) and settles here
  (bucket_settle.lua). A claim older than ARGV[8] ms was left by an attempt that never came back (its
  node died): the next attempt of the shopper gives back what it holds here and drops it.

    Input:
      KEYS[1] stock         hash, itemId -> this bucket's units on sale
      KEYS[2] holdings      hash, userId -> units the shopper holds under the limit key
      KEYS[3] answers       hash, userId NUL idempotencyKey -> the reservation record (JSON)
      KEYS[4] reservations  stream, one entry per reservation granted
      KEYS[5] claims        hash, userId -> the shopper's claims here (JSON array of
                            { k = idempotencyKey, o = orderId, i = itemId, q = quantity,
                              h = units taken here, t = when, ms })
      KEYS[6] buckets       string, the number of buckets the limit key was loaded with

      ARGV[1] itemId
      ARGV[2] userId
      ARGV[3] idempotencyKey
      ARGV[4] orderId
      ARGV[5] quantity
      ARGV[6] perUserLimit
      ARGV[7] buckets: how many this node splits the limit key over
      ARGV[8] claimStaleMs
      ARGV[9] the reservation record (JSON), kept as the answer to this key
      ARGV[10..] the reservation record as stream field/value pairs

    Output: { code, remaining [, extra] }, remaining this bucket's units of the item after the call,
    -1 if it has none (never loaded, or lost)
      { 'RESERVED', remaining }                the units are taken, the record appended
      { 'CLAIMED', remaining, taken }          too few units here: `taken` of them are, the quantity is
                                               counted in the holding; take the rest elsewhere, then settle
      { 'REPLAY', remaining, answer }          the key was answered before: that answer again
      { 'PENDING', remaining }                 an attempt with this key is still claimed: ask again shortly
      { 'IDEMPOTENCY_KEY_REUSED', remaining }
      { 'LIMIT_REACHED', remaining }
      { 'SOLD_OUT', -1 }                       the item has no stock here (lost): nothing was done
      { 'BUCKETS', remaining, loadedWith }     the limit key was loaded with another number of buckets
]]
local stockKey, holdingsKey, answersKey, reservationsKey, claimsKey, bucketsKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local itemId, userId, idempotencyKey, orderId = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local quantity, perUserLimit, buckets, staleMs = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])

local left = tonumber(redis.call('HGET', stockKey, itemId) or '-1')

-- A shopper's holding is in their home bucket among K: another K would look for it elsewhere.
local loadedWith = redis.call('GET', bucketsKey)
if loadedWith then
  if tonumber(loadedWith) ~= buckets then return { 'BUCKETS', left, loadedWith } end
elseif left >= 0 then
  return { 'BUCKETS', left, '1' } -- stock here but no bucket count: loaded without buckets
end

local answerField = userId .. '\0' .. idempotencyKey
local answer = redis.call('HGET', answersKey, answerField)
if answer then
  local first = cjson.decode(answer)
  if first.itemId == itemId and tonumber(first.quantity) == quantity then
    return { 'REPLAY', left, answer }
  end
  return { 'IDEMPOTENCY_KEY_REUSED', left }
end

local function now()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

local held = tonumber(redis.call('HGET', holdingsKey, userId) or '0')
local claims = {}
local encoded = redis.call('HGET', claimsKey, userId)
if encoded then
  local at, pending, stale = now(), false, false
  for _, claim in ipairs(cjson.decode(encoded)) do
    if at - claim.t > staleMs then
      -- Its attempt never settled: give back what it holds here. Units it took from other buckets
      -- are not known here; they stay out of sale (never sold twice) until a reconcile.
      stale = true
      if claim.h > 0 and redis.call('HEXISTS', stockKey, claim.i) == 1 then
        redis.call('HINCRBY', stockKey, claim.i, claim.h)
      end
      held = held - claim.q
    else
      if claim.k == idempotencyKey then pending = true end
      claims[#claims + 1] = claim
    end
  end
  if stale then
    if #claims > 0 then redis.call('HSET', claimsKey, userId, cjson.encode(claims)) else redis.call('HDEL', claimsKey, userId) end
    if held > 0 then redis.call('HSET', holdingsKey, userId, held) else redis.call('HDEL', holdingsKey, userId) end
    held = math.max(held, 0)
    left = tonumber(redis.call('HGET', stockKey, itemId) or '-1')
  end
  -- A double click while the first attempt looks in other buckets: wait for its answer.
  if pending then return { 'PENDING', left } end
end

if held + quantity > perUserLimit then return { 'LIMIT_REACHED', left } end
if left < 0 then return { 'SOLD_OUT', left } end

if left >= quantity then
  left = redis.call('HINCRBY', stockKey, itemId, -quantity)
  redis.call('HINCRBY', holdingsKey, userId, quantity)
  redis.call('HSET', answersKey, answerField, ARGV[9])
  redis.call('XADD', reservationsKey, '*', unpack(ARGV, 10))
  return { 'RESERVED', left }
end

local taken = left
if taken > 0 then left = redis.call('HINCRBY', stockKey, itemId, -taken) end
redis.call('HINCRBY', holdingsKey, userId, quantity)
claims[#claims + 1] = { k = idempotencyKey, o = orderId, i = itemId, q = quantity, h = taken, t = now() }
redis.call('HSET', claimsKey, userId, cjson.encode(claims))
return { 'CLAIMED', left, taken }
