import { MiaoshaError } from '../../src/errors.js';

/** 'ok' when the promise succeeds, else the code it was refused with; any other error fails the test. */
export const outcome = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'ok',
    (error: unknown) => {
      if (error instanceof MiaoshaError) return error.code;
      throw error;
    },
  );

/** The code the promise was refused with, or 'none' when it succeeded; any other error fails the test. */
export const refusal = async (promise: Promise<unknown>): Promise<string> => {
  const result = await outcome(promise);
  return result === 'ok' ? 'none' : result;
};

/** For `.catch(codeOf)`: the code a refusal carries; any other error fails the test. */
export const codeOf = (error: unknown): string | Promise<never> => (error instanceof MiaoshaError ? error.code : Promise.reject(error));
