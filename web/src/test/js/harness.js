/**
 * A very small test runner for the browser: tests register with `test(name, fn)`, `run()` runs
 * them one after another (each with a time limit) and publishes the results on
 * `window.parleyTestResults` for the Java runner (ClientTestsIT) to read.
 */
const tests = [];

export function test(name, fn, { timeoutMs = 5_000 } = {}) {
  tests.push({ name, fn, timeoutMs });
}

export async function run(log) {
  const results = [];
  for (const { name, fn, timeoutMs } of tests) {
    const started = performance.now();
    let error = null;
    try {
      await Promise.race([
        fn(),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs)),
      ]);
    } catch (failure) {
      error = `${failure?.message || failure}\n${failure?.stack || ''}`;
    }
    const result = { name, passed: error === null, error, ms: Math.round(performance.now() - started) };
    results.push(result);
    log(result);
  }
  return results;
}

export function assertEqual(actual, expected, what = 'value') {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) {
    throw new Error(`${what}: expected ${e} but was ${a}`);
  }
}

export function assertTrue(condition, what = 'condition') {
  if (!condition) {
    throw new Error(`${what} should hold`);
  }
}

/** Resolves once condition() holds; fails after timeoutMs. */
export async function eventually(condition, what = 'condition', timeoutMs = 3_000) {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) {
      throw new Error(`${what}: not met within ${timeoutMs} ms`);
    }
    await sleep(5);
  }
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
