/** The avatar tests start the image host on its own (no simulated Zendesk needed). */
export { startImageHostServer as startImageHost } from '../../electron/core/sandbox/image-host/standalone'
