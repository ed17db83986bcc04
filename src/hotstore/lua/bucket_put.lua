--[[
  Put units an attempt took from this bucket back on sale here, after the attempt came up short
  (redisBuckets.ts).

    Input:
      KEYS[1] stock  hash, itemId -> this bucket's units on sale

      ARGV[1] itemId
      ARGV[2] units

    Output: this bucket's units of the item after the call; -1 if it has none (lost since): the units
    are then not added to nothing, the rebuild from the database counts them.
]]
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return -1 end
return redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
