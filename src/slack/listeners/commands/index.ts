import type { App } from '@slack/bolt';
import { handlePulse } from '../../services/pulse.js';
import type { SlackServices } from '../../services/types.js';
import { afterAck } from '../after-ack.js';

/**
 * `/pulse`: ack at once (Slack allows 3 s; a report can take longer), then answer through
 * response_url. The ack carries nothing, so the answer arrives as its own ephemeral message.
 */
export function register(app: App, svc: SlackServices): void {
  app.command('/pulse', async ({ command, ack, respond }) => {
    await ack();
    await afterAck();
    await handlePulse(svc, { userId: command.user_id, channelId: command.channel_id, respond }, command.text);
  });
}
