--[[
  Take up to some units of an item from one bucket, for a claimed attempt homed in another bucket
  (redisBuckets.ts). The units leave this bucket for good: the attempt settles in its home bucket, and
  puts them back here (bucket_put.lua) only if it comes up short.

    Input:
      KEYS[1] stock    hash, itemId -> this bucket's units on sale
      KEYS[2] buckets  string, the number of buckets the limit key was loaded with

      ARGV[1] itemId
      ARGV[2] units wanted
      ARGV[3] buckets: how many this node splits the limit key over

    Output: { code, taken, remaining }, remaining this bucket's units of the item after the call
      { 'TOOK', taken, remaining }   taken = min(wanted, what there was), maybe 0
      { 'LOST', 0, -1 }              the item has no stock here (never loaded, or lost)
      { 'BUCKETS', 0, remaining, loadedWith }  loaded with another number of buckets: nothing taken
]]
local stockKey, bucketsKey = KEYS[1], KEYS[2]
local itemId, wanted, buckets = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])

local left = tonumber(redis.call('HGET', stockKey, itemId) or '-1')
if left < 0 then return { 'LOST', 0, -1 } end
local loadedWith = redis.call('GET', bucketsKey)
if tonumber(loadedWith or '1') ~= buckets then return { 'BUCKETS', 0, left, loadedWith or '1' } end

local taken = math.min(wanted, left)
if taken > 0 then left = redis.call('HINCRBY', stockKey, itemId, -taken) end
return { 'TOOK', taken, left }
