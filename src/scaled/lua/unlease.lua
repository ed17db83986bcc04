--[[
  Give a lease back, if the caller still holds it.

    Input:
      KEYS[1] the lease
      ARGV[1] the holder's token

    Output: 1 if it was given back, 0 if someone else holds it (or nobody).
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
