import { type FormEvent, useState } from 'react';
/** A check's answer: the body to send, or the mistakes per field (a map of field → message key). */
export type Checked<E extends object, B> = { ok: true; body: B } | { ok: false; errors: E };

/**
 * The life of every console form: values as typed, checked before anything is sent (mistakes per
 * field), then sent; the server's refusal is kept to be shown, and the last body sent tells the form
 * it went through. `keepValues` leaves an edit form as it is after saving; `locked` sends nothing.
 */
export function useCheckedForm<V, E extends object, B>({
  initial,
  check,
  send,
  keepValues = false,
  locked = false,
}: {
  initial: V | (() => V);
  check: (values: V) => Checked<E, B>;
  send: (body: B) => Promise<void>;
  keepValues?: boolean;
  locked?: boolean;
}) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Partial<E>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [sent, setSent] = useState<B | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (patch: Partial<V>) => {
    setSent(null);
    setValues((v) => ({ ...v, ...patch }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (locked) return;
    setFailure(null);
    setSent(null);
    const checked = check(values);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await send(checked.body);
      setSent(checked.body);
      if (!keepValues) setValues(typeof initial === 'function' ? (initial as () => V)() : initial);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  /** A text input bound to `field`: its value, its change, and its mistake in the words `say` gives. */
  const text = <K extends keyof V & keyof E & string>(field: K, say: (key: NonNullable<E[K]>) => string) => ({
    value: values[field] as string,
    onChange: (event: { currentTarget: { value: string } }) => set({ [field]: event.currentTarget.value } as Partial<V>),
    error: errors[field] ? say(errors[field] as NonNullable<E[K]>) : undefined,
  });

  return { values, set, errors, failure, busy, sent, submit, text };
}
