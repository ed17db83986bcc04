import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../api/client';
import { useShopper } from '../../auth';
import { forgetShopperOn401, useShopperData } from '../useShopperData';
import { AssistView } from './AssistView';
import type { MyAssists, PublicAssist } from './types';

/** `/assists/:id`: an assist's progress, and what the starter or a friend can do with it. */
export default function AssistPage({ assistId }: { assistId: string }) {
  const signedIn = useShopper();
  const token = signedIn?.token ?? null;
  const [assist, setAssist] = useState<PublicAssist | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let stopped = false;
    call<PublicAssist>(`/api/assists/${assistId}`)
      .then((answer) => !stopped && setAssist(answer))
      .catch((error: unknown) => !stopped && setLoadError(error));
    return () => {
      stopped = true;
    };
  }, [assistId, version]);
  const mine = useShopperData(token, (t) => call<MyAssists>('/api/me/assists', { token: t }));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [justHelped, setJustHelped] = useState(false);
  const helping = useRef(false);
  const { reload } = mine;

  const help = useCallback(() => {
    if (!token || helping.current) return;
    helping.current = true;
    setBusy(true);
    setFailure(null);
    call<PublicAssist>(`/api/me/assists/${assistId}/helps`, { method: 'POST', token, body: {} })
      .then((answer) => {
        setAssist(answer);
        setJustHelped(true);
      })
      .catch((error: unknown) => {
        forgetShopperOn401(error);
        setFailure(error);
        setVersion((v) => v + 1);
      })
      .finally(() => {
        helping.current = false;
        setBusy(false);
        reload();
      });
  }, [token, assistId, reload]);

  const started = mine.data?.started.find((a) => a.id === assistId) ?? null;
  const helped = mine.data?.helped.some((a) => a.id === assistId) ?? false;
  return (
    <AssistView
      assist={assist}
      loadError={loadError}
      signedIn={signedIn !== null}
      mine={started}
      helped={helped}
      busy={busy}
      failure={failure}
      justHelped={justHelped}
      link={typeof window === 'undefined' ? '' : `${window.location.origin}/assists/${assistId}`}
      onHelp={help}
    />
  );
}
