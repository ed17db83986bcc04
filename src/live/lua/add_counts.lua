--[[
  Add one node's batch of live counts into a session's counts, once: a batch sent again after its
  reply was lost (the counts may or may not have landed) is not added twice.

    Input:
      KEYS[1] the session's counts (hash: field → count)
      KEYS[2] the batches added so far (hash: node token → number of the last batch added); same hash tag
      ARGV[1] the node's token
      ARGV[2] the batch number (rising for each node)
      ARGV[3] seconds to keep both keys after this change
      ARGV[4..] field, delta, field, delta, …

    Output: 1 if the batch was added now, 0 if it had been added before.
]]
local last = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if last >= tonumber(ARGV[2]) then return 0 end
for i = 4, #ARGV, 2 do
  redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return 1
