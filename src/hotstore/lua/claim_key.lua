--[[
  Bind a shopper's Idempotency-Key to one request (item, quantity, limit key) before the reserve
  step runs. The reserve step lives in the item's slot and cannot see keys the shopper used on
  items of other limit keys; this runs in the shopper's own slot, so two requests that share a key
  are compared here, whichever items they are for.

    Input:
      KEYS[1] the shopper's keys  hash, idempotencyKey -> itemId NUL quantity NUL limitKey

      ARGV[1] idempotencyKey
      ARGV[2] the request: itemId NUL quantity NUL limitKey

    Output:
      'CLAIMED'  the key is new and now names this request
      'SAME'     the key already names this request (a retry or a double click)
      'REUSED'   the key already names another request
]]
local request = redis.call('HGET', KEYS[1], ARGV[1])
if not request then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
  return 'CLAIMED'
end
if request == ARGV[2] then return 'SAME' end
return 'REUSED'
