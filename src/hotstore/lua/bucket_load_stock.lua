--[[
  Set one bucket's share of an item's units on sale, and the number of buckets the limit key is
  split over (redisBuckets.ts).

    Input:
      KEYS[1] stock    hash, itemId -> this bucket's units on sale
      KEYS[2] buckets  string, the number of buckets the limit key was loaded with

      ARGV[1] itemId
      ARGV[2] this bucket's units
      ARGV[3] 'SET' to set them whatever is there; 'NX' only if the bucket has none for the item yet
      ARGV[4] the number of buckets

    Output: this bucket's units of the item after the call.
]]
redis.call('SET', KEYS[2], ARGV[4])
if ARGV[3] == 'NX' then
  redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2])
  return tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return tonumber(ARGV[2])
