/**
 * vitest globalSetup: says at the end of the run whether the tests against a real Redis ran. They run when
 * REDIS_URL is set (`.ci/run` sets it); without it, `npm test` passes on a fresh machine and says they did not.
 */
export default function redisNotice(): () => void {
  return () => {
    const url = process.env.REDIS_URL;
    process.stderr.write(
      url
        ? `\nRedis tests ran against ${url.replace(/\/\/[^@/]*@/u, "//***@")} (REDIS_URL).\n`
        : "\nRedis tests did NOT run: REDIS_URL is not set. Run them with REDIS_URL=redis://127.0.0.1:6379 npm test (.ci/run sets it).\n",
    );
  };
}
