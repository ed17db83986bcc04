--[[
  Take or keep a lease: a key that names its holder and expires unless renewed.

    Input:
      KEYS[1] the lease
      ARGV[1] the holder's token
      ARGV[2] how long the lease lasts, in milliseconds

    Output: 1 if the caller holds the lease now (taken or renewed), 0 if another holder has it.
]]
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
