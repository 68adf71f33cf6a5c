/**
 * A guard for promises a third-party reader may leave pending forever: when
 * the event loop runs out of work while the promise is awaited (Node then
 * emits 'beforeExit'), nothing can settle it any more, and the wait ends with
 * the caller's error instead of the process exiting silently with code 13
 * ("unsettled top-level await").
 */

/** `promise`, or the error of `stalled()` when the process would otherwise exit waiting for it. */
export function unlessStalled<T>(promise: Promise<T>, stalled: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onIdle = (): void => {
      process.off('beforeExit', onIdle);
      reject(stalled());
    };
    process.on('beforeExit', onIdle);
    promise.then(
      (value) => {
        process.off('beforeExit', onIdle);
        resolve(value);
      },
      (error: unknown) => {
        process.off('beforeExit', onIdle);
        reject(error);
      },
    );
  });
}
