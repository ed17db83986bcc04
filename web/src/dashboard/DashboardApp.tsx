import { Shell } from '../Shell';

/** The live dashboard (placeholder until it is built). */
export default function DashboardApp() {
  return <Shell wide>dashboard</Shell>;
}
