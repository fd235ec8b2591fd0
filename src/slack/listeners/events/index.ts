import type { App } from '@slack/bolt';
import { publishHome } from '../../services/home.js';
import type { SlackServices } from '../../services/types.js';

/** app_home_opened on the Home tab → publish that user's dashboard. Bolt acks events itself. */
export function register(app: App, svc: SlackServices): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    try {
      await publishHome(svc, event.user);
    } catch (err) {
      svc.log.error({ err, user: event.user }, 'could not publish the App Home');
    }
  });
}
