--[[
  Settle a claimed attempt in the shopper's home bucket (redisBuckets.ts), once it has taken what it
  could from the other buckets: grant it, or give back what it holds here.

    Input (the home bucket's keys):
      KEYS[1] stock         hash, itemId -> this bucket's units on sale
      KEYS[2] holdings      hash, userId -> units the shopper holds under the limit key
      KEYS[3] answers       hash, userId NUL idempotencyKey -> the reservation record (JSON)
      KEYS[4] reservations  stream, one entry per reservation granted
      KEYS[5] claims        hash, userId -> the shopper's claims here (JSON array, bucket_reserve.lua)

      ARGV[1] 'FINISH' to grant it if the units are there, 'ABORT' to give everything back
      ARGV[2] itemId
      ARGV[3] userId
      ARGV[4] idempotencyKey
      ARGV[5] orderId: the attempt's, so a claim made since by a retry is not this one
      ARGV[6] units taken from other buckets
      ARGV[7] the reservation record (JSON), kept as the answer to this key
      ARGV[8..] the reservation record as stream field/value pairs

    Output: { code, remaining }, remaining this bucket's units of the item after the call (-1: none)
      { 'RESERVED', remaining }  FINISH: the units taken elsewhere and here make the quantity (any
                                 short is taken here now); answer stored, record appended
      { 'SOLD_OUT', remaining }  FINISH, still short: the units held here are back on sale, the
                                 holding is freed; the caller puts back what it took elsewhere
      { 'ABORTED', remaining }   ABORT: likewise
      { 'GONE', remaining }      no such claim (found stale and dropped): nothing was done; the
                                 caller puts back what it took elsewhere
]]
local stockKey, holdingsKey, answersKey, reservationsKey, claimsKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local mode, itemId, userId, idempotencyKey, orderId = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local gathered = tonumber(ARGV[6])

local left = tonumber(redis.call('HGET', stockKey, itemId) or '-1')
local encoded = redis.call('HGET', claimsKey, userId)
if not encoded then return { 'GONE', left } end
local claims, claim = {}, nil
for _, c in ipairs(cjson.decode(encoded)) do
  if c.k == idempotencyKey and c.o == orderId then claim = c else claims[#claims + 1] = c end
end
if not claim then return { 'GONE', left } end
if #claims > 0 then redis.call('HSET', claimsKey, userId, cjson.encode(claims)) else redis.call('HDEL', claimsKey, userId) end

local short = claim.q - claim.h - gathered
if short < 0 then return redis.error_reply('bucket_settle: more units taken than claimed') end
if mode == 'FINISH' and short > 0 and left > 0 then
  -- Units may have come back here (a cancellation) since the claim.
  local more = math.min(short, left)
  left = redis.call('HINCRBY', stockKey, itemId, -more)
  claim.h = claim.h + more
  short = short - more
end

if mode == 'FINISH' and short == 0 then
  redis.call('HSET', answersKey, userId .. '\0' .. idempotencyKey, ARGV[7])
  redis.call('XADD', reservationsKey, '*', unpack(ARGV, 8))
  return { 'RESERVED', left }
end

if claim.h > 0 and left >= 0 then left = redis.call('HINCRBY', stockKey, itemId, claim.h) end
local held = tonumber(redis.call('HGET', holdingsKey, userId) or '0') - claim.q
if held > 0 then redis.call('HSET', holdingsKey, userId, held) else redis.call('HDEL', holdingsKey, userId) end
return { mode == 'FINISH' and 'SOLD_OUT' or 'ABORTED', left }
