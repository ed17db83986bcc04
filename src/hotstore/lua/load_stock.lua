--[[
  Set an item's units on sale (before its session opens, or when rebuilding from the database).

    Input:
      KEYS[1] stock  hash, itemId -> units on sale

      ARGV[1] itemId
      ARGV[2] units on sale

    Output: the units on sale.
]]
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return tonumber(ARGV[2])
