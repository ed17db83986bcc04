import { TextInput, type TextInputProps } from '@mantine/core';
import { useT } from '../i18n/locale';

const messages = {
  'zh-CN': { startsAt: '开始时间', endsAt: '结束时间' },
  en: { startsAt: 'Starts', endsAt: 'Ends' },
};

/** What a text field of a console form is bound to: its value, its change, its mistake in words. */
export interface BoundField {
  value: string;
  onChange: (event: { currentTarget: { value: string } }) => void;
  error?: string;
}

/** When something runs: its start and end, to the second, in the device's time; both required. */
export function WindowFields({ start, end, labels }: { start: BoundField; end: BoundField; labels?: { start: string; end: string } }) {
  const t = useT(messages);
  return (
    <>
      <TextInput type="datetime-local" step={1} label={labels?.start ?? t('startsAt')} {...start} required />
      <TextInput type="datetime-local" step={1} label={labels?.end ?? t('endsAt')} {...end} required />
    </>
  );
}

/** An amount typed in yuan (the form sends cents). */
export function YuanInput(props: TextInputProps) {
  return <TextInput inputMode="decimal" leftSection="¥" {...props} />;
}
