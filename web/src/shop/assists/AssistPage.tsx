import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { useShopper } from '../../auth';
import { useShopperAction } from '../useShopperAction';
import { useShopperData } from '../useShopperData';
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
  const [justHelped, setJustHelped] = useState(false);
  const { busy, failure, run } = useShopperAction(token, mine.reload);
  const help = () =>
    run(true, async (t) => {
      try {
        setAssist(await call<PublicAssist>(`/api/me/assists/${assistId}/helps`, { method: 'POST', token: t, body: {} }));
        setJustHelped(true);
      } catch (error) {
        // Refused: the progress may have moved on meanwhile, so load it again.
        setVersion((v) => v + 1);
        throw error;
      }
    });

  const started = mine.data?.started.find((a) => a.id === assistId) ?? null;
  const helped = mine.data?.helped.some((a) => a.id === assistId) ?? false;
  return (
    <AssistView
      assist={assist}
      loadError={loadError}
      signedIn={signedIn !== null}
      mine={started}
      helped={helped}
      busy={busy !== null}
      failure={failure}
      justHelped={justHelped}
      link={typeof window === 'undefined' ? '' : `${window.location.origin}/assists/${assistId}`}
      onHelp={help}
    />
  );
}
