import { Button, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useShopT } from './useShopT';

/** Shares the page: the phone's share sheet when there is one, else the link goes to the clipboard. */
export function ShareButton({ title, label }: { title: string; label?: string }) {
  const t = useShopT();
  const [note, setNote] = useState<'copied' | 'shareFailed' | null>(null);
  useEffect(() => {
    if (!note) return;
    const timer = setTimeout(() => setNote(null), 3000);
    return () => clearTimeout(timer);
  }, [note]);
  const share = async () => {
    const url = window.location.href;
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, url });
        return;
      } catch (error) {
        if ((error as Error).name === 'AbortError') return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setNote('copied');
    } catch {
      setNote('shareFailed');
    }
  };
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      <Button variant="default" size="xs" onClick={() => void share()}>
        {label ?? t('share')}
      </Button>
      <Text span fz="sm" c="teal.9" role="status" style={{ minWidth: 1 }}>
        {note ? t(note) : ''}
      </Text>
    </span>
  );
}
