import { uuid } from '../ids.js';
import { CommandError, CommandTimeout } from './transport.js';

/**
 * The Vert.x event-bus bridge protocol over a SockJS connection (WebSocket first, HTTP
 * fallbacks chosen by SockJS itself). Frames are the standard bridge's:
 *   out: {type:"register"|"send"|"ping", address, headers, body, replyAddress}
 *   in:  {type:"rec", address, body}
 *        {type:"err", address: replyAddress, failureCode, message: "{\"code\",\"message\"}"}
 *        {type:"err", body: "access_denied" | "token_expired" | …}   (a refusal)
 *
 * The bridge closes connections that stay silent, so a ping goes out every few seconds; the
 * server's SockJS heartbeat lets us notice a connection that died without closing.
 */
export class SockJSEventBusTransport {
  constructor(url, {
    SockJS = globalThis.SockJS,
    pingIntervalMs = 5_000,
    replyTimeoutMs = 15_000,
    silenceTimeoutMs = 60_000,
    newId = uuid,
  } = {}) {
    if (!SockJS) {
      throw new Error('SockJS client is not loaded');
    }
    this.url = url;
    this.SockJS = SockJS;
    this.pingIntervalMs = pingIntervalMs;
    this.replyTimeoutMs = replyTimeoutMs;
    this.silenceTimeoutMs = silenceTimeoutMs;
    this.newId = newId;
    this.state = 'idle';
    this.handlers = new Map();
    this.replies = new Map();
    this.closeListeners = [];
    this.lastRefusal = null;
  }

  connect() {
    this.state = 'connecting';
    return new Promise((resolve, reject) => {
      const socket = new this.SockJS(this.url);
      this.socket = socket;
      socket.onopen = () => {
        this.state = 'open';
        this.lastHeard = Date.now();
        this.pinger = setInterval(() => this.tick(), this.pingIntervalMs);
        resolve();
      };
      socket.onmessage = (event) => this.receive(event.data);
      socket.addEventListener?.('heartbeat', () => { this.lastHeard = Date.now(); });
      socket.onclose = () => {
        const wasOpen = this.state === 'open';
        this.finish();
        if (wasOpen) {
          this.closeListeners.forEach((listener) => listener({ reason: this.lastRefusal || 'network' }));
        } else {
          reject(new Error(this.lastRefusal || 'connection failed'));
        }
      };
    });
  }

  onClose(listener) {
    this.closeListeners.push(listener);
  }

  subscribe(address, headers, handler) {
    this.handlers.set(address, handler);
    this.write({ type: 'register', address, headers });
  }

  send(address, body, headers) {
    const replyAddress = this.newId();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.replies.delete(replyAddress);
        reject(new CommandTimeout(address));
      }, this.replyTimeoutMs);
      this.replies.set(replyAddress, { resolve, reject, timer });
      this.write({ type: 'send', address, headers, body, replyAddress });
    });
  }

  close() {
    if (this.socket) {
      this.closeListeners = [];
      this.socket.close();
      this.finish();
    }
  }

  write(frame) {
    if (this.state !== 'open') {
      throw new Error('transport is not open');
    }
    this.socket.send(JSON.stringify(frame));
  }

  tick() {
    if (Date.now() - this.lastHeard > this.silenceTimeoutMs) {
      this.socket.close();
      return;
    }
    this.write({ type: 'ping' });
  }

  receive(data) {
    this.lastHeard = Date.now();
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    const reply = frame.address && this.replies.get(frame.address);
    if (reply) {
      clearTimeout(reply.timer);
      this.replies.delete(frame.address);
      if (frame.type === 'err') {
        reply.reject(commandError(frame));
      } else {
        reply.resolve(frame.body);
      }
      return;
    }
    if (frame.type === 'rec') {
      this.handlers.get(frame.address)?.(frame.body);
    } else if (frame.type === 'err' && typeof frame.body === 'string') {
      this.lastRefusal = frame.body;
    }
  }

  finish() {
    this.state = 'closed';
    clearInterval(this.pinger);
    for (const [, reply] of this.replies) {
      clearTimeout(reply.timer);
      reply.reject(new CommandTimeout('a closed connection'));
    }
    this.replies.clear();
  }
}

function commandError(frame) {
  let code;
  let message = frame.message;
  try {
    const parsed = JSON.parse(frame.message);
    const error = parsed.error || parsed;
    code = error.code;
    message = error.message;
  } catch {
    // a plain-text failure message: keep it as it is
  }
  return new CommandError(frame.failureCode, code, message);
}
