import { Shell } from '../Shell';

/** The operator console (placeholder until it is built). */
export default function ConsoleApp() {
  return <Shell wide>console</Shell>;
}
