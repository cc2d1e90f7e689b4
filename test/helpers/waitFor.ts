// Polls until a condition holds, instead of sleeping a guessed time (STYLE habit 9). `what`
// names the state awaited; a function is asked only on failure, so the message can carry
// what was seen at the deadline (a screen, a process's state).
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string | (() => string), timeoutMs = 5_000, intervalMs = 10): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`waitFor: ${typeof what === 'string' ? what : what()} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
