// Polls until a condition holds, instead of sleeping a guessed time (STYLE habit 9).
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 5_000, intervalMs = 10): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`waitFor: ${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
