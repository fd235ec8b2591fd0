import type { WebClient } from './slack-client.js';

export type FileUpload = {
  channelId: string;
  bytes: Buffer;
  filename: string;
  title: string;
  /** Slack's alt text for images: at most 1,000 characters per files.getUploadURLExternal. */
  altText?: string;
  initialComment?: string;
  threadTs?: string;
};

/**
 * Uploads a file into a channel or DM with the external flow, which is what filesUploadV2 does:
 * files.getUploadURLExternal (filename, length, alt_text) → POST of the bytes to the returned
 * upload_url → files.completeUploadExternal (files [{id, title}], channel_id, initial_comment,
 * thread_ts). Returns the file id. Errors are thrown as the SDK's; see classifySlackError.
 */
export async function uploadFile(client: WebClient, file: FileUpload): Promise<{ fileId: string }> {
  const result = await client.filesUploadV2({
    channel_id: file.channelId,
    file: file.bytes,
    filename: file.filename,
    title: file.title,
    ...(file.altText ? { alt_text: file.altText.slice(0, 1000) } : {}),
    ...(file.initialComment ? { initial_comment: file.initialComment } : {}),
    ...(file.threadTs ? { thread_ts: file.threadTs } : {}),
  } as Parameters<WebClient['filesUploadV2']>[0]);
  // filesUploadV2 answers one completeUploadExternal result per destination, each with its files.
  const completions = (result as { files?: { files?: { id?: string }[] }[] }).files ?? [];
  const fileId = completions[0]?.files?.[0]?.id;
  if (!fileId) throw new Error('Slack completed the upload without a file id', { cause: result });
  return { fileId };
}

/** Opens (or finds) the DM between the bot and `userId`; returns its channel id (D…). */
export async function openDm(client: WebClient, userId: string): Promise<string> {
  const result = await client.conversations.open({ users: userId });
  const id = result.channel?.id;
  if (!id) throw new Error('conversations.open returned no channel id', { cause: result });
  return id;
}
