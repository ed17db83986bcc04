import { useShopper } from '../../auth';
import { CheckInView } from './CheckInView';
import { useCheckIn } from './useCheckIn';

/** `/check-in`: 签到. */
export default function CheckInPage() {
  const signedIn = useShopper();
  const state = useCheckIn(signedIn);
  return (
    <CheckInView
      signedIn={signedIn !== null}
      month={state.month}
      points={state.points}
      loadError={state.loadError}
      busy={state.busy}
      result={state.result}
      failure={state.failure}
      onCheckIn={state.checkIn}
    />
  );
}
