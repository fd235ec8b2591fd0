import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { parsePageValue } from '../../blocks/agents-page.js';
import { publishHome } from '../../services/home.js';
import { handlePulse } from '../../services/pulse.js';
import type { Caller, SlackServices } from '../../services/types.js';
import { afterAck } from '../after-ack.js';

/**
 * Buttons on answers and on the Home tab. Each acks first, then re-runs the command its value
 * carries with what the button adds: `csv` (the file to the requester), `share` (the answer and
 * its chart posted in the channel), a page of agents, or a Home refresh.
 */
export function register(app: App, svc: SlackServices): void {
  const caller = (body: BlockAction, respond: Caller['respond']): Caller => ({
    userId: body.user.id,
    channelId: body.channel?.id ?? body.container?.channel_id ?? '',
    respond,
  });
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.csv, async ({ ack, body, action, respond }) => {
    await ack();
    await afterAck();
    await handlePulse(svc, caller(body, respond), `${action.value ?? ''} csv`);
  });
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.share, async ({ ack, body, action, respond }) => {
    await ack();
    await afterAck();
    await handlePulse(svc, caller(body, respond), `${action.value ?? ''} share`);
  });
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.page, async ({ ack, body, action, respond }) => {
    await ack();
    await afterAck();
    const page = parsePageValue(action.value ?? '');
    if (page) await handlePulse(svc, caller(body, respond), page.command, { page: page.page });
  });
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.homeRefresh, async ({ ack, body }) => {
    await ack();
    await afterAck();
    try {
      await publishHome(svc, body.user.id);
    } catch (err) {
      svc.log.error({ err, user: body.user.id }, 'could not refresh the App Home');
    }
  });
}
