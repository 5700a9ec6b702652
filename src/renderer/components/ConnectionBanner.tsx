import { useStudio } from '../store/context.js';
import './ConnectionBanner.css';

/** Shown while the live event stream is down; the transport reconnects by itself. */
export function ConnectionBanner() {
  const connected = useStudio((s) => s.connected);
  if (connected) return null;
  return (
    <div className="banner banner-warning" role="status">
      Disconnected from the Studio server — reconnecting… What you see may be out of date until it is back.
    </div>
  );
}
