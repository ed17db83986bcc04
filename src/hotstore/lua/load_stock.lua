--[[
  Set an item's units on sale (before its session opens, or when rebuilding from the database).

    Input:
      KEYS[1] stock  hash, itemId -> units on sale

      ARGV[1] itemId
      ARGV[2] units on sale
      ARGV[3] 'SET' to set them whatever is there; 'NX' to set them only if the item has no stock
              yet (a rebuild after data loss: a node that rebuilt first may already be selling)

    Output: the units on sale after the call.
]]
if ARGV[3] == 'NX' then
  redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
  return tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return tonumber(ARGV[2])
