--[[
  Put a cancelled order's units back on sale and free the shopper's limit.
  Not idempotent: the caller releases once per cancellation (the order row's conditional update
  decides that), so the script needs no memory of released orders.

    Input:
      KEYS[1] stock     hash, itemId -> units on sale
      KEYS[2] holdings  hash, userId -> units held under the limit key

      ARGV[1] itemId
      ARGV[2] userId
      ARGV[3] quantity

    Output: the item's units on sale after the release; -1 if the item has no stock in Redis (its
    data was lost): the units are then not added to nothing, the rebuild from the database counts them.
]]
local stockKey, holdingsKey = KEYS[1], KEYS[2]
local itemId, userId, quantity = ARGV[1], ARGV[2], tonumber(ARGV[3])

local left = -1
if redis.call('HEXISTS', stockKey, itemId) == 1 then
  left = redis.call('HINCRBY', stockKey, itemId, quantity)
end
-- A holding never goes below zero; an empty one is removed rather than kept at 0.
local held = tonumber(redis.call('HGET', holdingsKey, userId) or '0') - quantity
if held > 0 then
  redis.call('HSET', holdingsKey, userId, held)
else
  redis.call('HDEL', holdingsKey, userId)
end
return left
