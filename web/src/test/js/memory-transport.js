import { CommandError } from '/js/realtime/transport.js';

/**
 * An in-memory stand-in for the server side of the realtime connection: transports made by
 * {@link MemoryHub#transport} connect to it, register, send commands and receive what the hub
 * delivers, with the same contract as the SockJS transport. Tests control the "network": refuse
 * new connections, drop open ones (with a reason), or let them through.
 */
export class MemoryHub {
  constructor({ validToken = () => true } = {}) {
    this.validToken = validToken;
    this.reachable = true;
    this.open = new Set();
    this.commands = new Map();
    this.frames = [];
    this.connectAttempts = [];
  }

  /** A factory for RealtimeClient's transportFactory. */
  transport() {
    return new MemoryTransport(this);
  }

  /** Answers sends to an address: handler(body, headers) returns the reply body or throws a CommandError. */
  command(address, handler) {
    this.commands.set(address, handler);
  }

  /** Delivers a message to every open transport registered on address, asynchronously like a wire. */
  deliver(address, body) {
    const copy = JSON.parse(JSON.stringify(body));
    for (const transport of this.open) {
      queueMicrotask(() => transport.handlers.get(address)?.(copy));
    }
  }

  /** Cuts every open connection (as a network loss or a server refusal would). */
  dropAll(reason = 'network') {
    for (const transport of [...this.open]) {
      transport.serverClose(reason);
    }
  }

  /** The headers of the frames of one type sent by clients so far. */
  framesOf(type) {
    return this.frames.filter((frame) => frame.type === type);
  }
}

export class MemoryTransport {
  constructor(hub) {
    this.hub = hub;
    this.state = 'idle';
    this.handlers = new Map();
    this.closeListeners = [];
  }

  connect() {
    this.state = 'connecting';
    this.hub.connectAttempts.push(performance.now());
    return new Promise((resolve, reject) => setTimeout(() => {
      if (!this.hub.reachable) {
        this.state = 'closed';
        reject(new Error('unreachable'));
        return;
      }
      this.state = 'open';
      this.hub.open.add(this);
      resolve();
    }, 1));
  }

  onClose(listener) {
    this.closeListeners.push(listener);
  }

  subscribe(address, headers, handler) {
    this.frame({ type: 'register', address, headers });
    this.handlers.set(address, handler);
  }

  send(address, body, headers) {
    this.frame({ type: 'send', address, headers, body });
    const handler = this.hub.commands.get(address);
    return new Promise((resolve, reject) => queueMicrotask(() => {
      if (this.state !== 'open') {
        reject(new Error('closed'));
        return;
      }
      if (!handler) {
        reject(new CommandError(403, 'access_denied', 'access_denied'));
        return;
      }
      try {
        resolve(handler(body, headers));
      } catch (error) {
        reject(error);
      }
    }));
  }

  frame(frame) {
    if (this.state !== 'open') {
      throw new Error('transport is not open');
    }
    this.hub.frames.push(frame);
    if (!this.hub.validToken(frame.headers?.authorization)) {
      queueMicrotask(() => this.serverClose('unauthenticated'));
    }
  }

  close() {
    this.closeListeners = [];
    this.finish();
  }

  serverClose(reason) {
    const listeners = this.closeListeners;
    this.finish();
    listeners.forEach((listener) => listener({ reason }));
  }

  finish() {
    this.state = 'closed';
    this.hub.open.delete(this);
  }
}
