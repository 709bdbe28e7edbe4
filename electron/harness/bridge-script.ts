import { channels, eventNames, subscriptionName } from '../../shared/contract'

/**
 * The browser harness's stand-in for the preload: a script that defines `window.aissist` with the
 * same named functions, each POSTing to its own URL with the per-run token. Generated from the
 * contract, so the page under test sees exactly the bridge the desktop app gives it.
 */
export const buildBridgeScript = (): string => `(() => {
  'use strict';
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem('aissist-harness-token', fromUrl);
    params.delete('token');
    const rest = params.toString();
    history.replaceState(null, '', location.pathname + (rest ? '?' + rest : '') + location.hash);
  }
  const token = sessionStorage.getItem('aissist-harness-token') || '';
  const call = (channel) => async (input) => {
    try {
      const res = await fetch('/api/call/' + channel, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-harness-token': token },
        body: JSON.stringify(input === undefined ? {} : input)
      });
      return await res.json();
    } catch (e) {
      return { ok: false, error: { code: 'harness-unreachable', message: 'The harness did not answer: ' + e.message, fix: 'Restart the harness (npm run harness).' } };
    }
  };
  const listeners = new Map();
  let source = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource('/api/events?token=' + encodeURIComponent(token));
    source.onmessage = (m) => {
      let msg; try { msg = JSON.parse(m.data); } catch { return; }
      for (const l of listeners.get(msg.name) || []) { try { l(msg.payload); } catch (e) { console.error(e); } }
    };
  };
  const bridge = {};
  for (const c of ${JSON.stringify(channels)}) bridge[c] = call(c);
  const events = ${JSON.stringify(eventNames.map((e) => [e, subscriptionName(e)]))};
  for (const [name, fn] of events) {
    bridge[fn] = (listener) => {
      if (typeof listener !== 'function') throw new TypeError('A listener function is required.');
      ensureSource();
      const set = listeners.get(name) || new Set();
      set.add(listener); listeners.set(name, set);
      return () => { set.delete(listener); };
    };
  }
  Object.defineProperty(window, 'aissist', { value: Object.freeze(bridge), writable: false, configurable: false });
})();
`
