import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * STUB written by the sandbox engineer because the image host did not exist yet; the image-host
 * engineer replaces this file. Answers nothing (returns false), so the sandbox sends a 404.
 */
export const handleImageHostRequest = async (_req: IncomingMessage, _res: ServerResponse, _subpath: string): Promise<boolean> => false
