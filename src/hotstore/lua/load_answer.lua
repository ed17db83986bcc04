--[[
  Remember an answer already given (rebuilding from the database), so a replayed key gets it
  again. The database is the truth: an answer already here is overwritten.

    Input:
      KEYS[1] answers  hash, userId NUL idempotencyKey -> the reservation record (JSON)

      ARGV[1] userId
      ARGV[2] idempotencyKey
      ARGV[3] the reservation record (JSON)

    Output: 1
]]
redis.call('HSET', KEYS[1], ARGV[1] .. '\0' .. ARGV[2], ARGV[3])
return 1
