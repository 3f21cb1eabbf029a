/**
 * Waiting for a file another process of the same build writes. `npm run build` starts Astro
 * before it has read the content and pooled it; Astro's content loader and pages then wait here
 * for the files the build hands over (the validated trials, their notes, the pooled results).
 * Each of those files is written under a temporary name and renamed, so once it is there, it is
 * whole. A `-fs`-free module: it reads nothing itself.
 */

/** How long a page waits before it gives up: far longer than any build of a real review. */
export const HANDOVER_TIMEOUT_MS = 30 * 60_000;

/**
 * Resolves with the first value `ready()` gives other than undefined, trying every 50 ms.
 * @param what - what is awaited, for the error message ("… were not written within N s")
 * @throws Error when nothing is ready within `timeoutMs`
 */
export async function whenReady<T>(ready: () => T | undefined, what: string, timeoutMs = HANDOVER_TIMEOUT_MS): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = ready();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`${what} were not written within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
