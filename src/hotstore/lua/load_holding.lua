--[[
  Set how many units a shopper holds under a limit key (rebuilding from the database).

    Input:
      KEYS[1] holdings  hash, userId -> units held under the limit key

      ARGV[1] userId
      ARGV[2] units held

    Output: the units held.
]]
local units = tonumber(ARGV[2])
-- Nothing held is no field at all, as after a release.
if units > 0 then
  redis.call('HSET', KEYS[1], ARGV[1], units)
else
  redis.call('HDEL', KEYS[1], ARGV[1])
end
return units
