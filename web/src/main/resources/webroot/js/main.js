import { createApi } from './api.js';
import { createHttp } from './http.js';
import { Session } from './session.js';
import { Store } from './state/store.js';
import { Actions } from './state/actions.js';
import { RealtimeClient } from './realtime/realtime-client.js';
import { SockJSEventBusTransport } from './realtime/sockjs-transport.js';
import { localStorageFor } from './realtime/outbox.js';
import { signInActions } from './state/account-actions.js';
import { authView } from './ui/auth-view.js';
import { appShell } from './ui/app-shell.js';
import { applyTheme } from './ui/theme.js';
import { registerServiceWorker, warmCache } from './push/push-client.js';

/**
 * Starts the browser app: the sign-in screen, or (with a kept session) the app itself, wired
 * from its parts: REST client, realtime client over the SockJS event-bus transport, store,
 * actions and views.
 */
const root = document.getElementById('app');
applyTheme();
// Pushes, the installable app and its offline start all need the worker, signed in or not.
registerServiceWorker().then(() => warmCache()).catch(() => {});
const saved = Session.restore();
if (saved) {
  start(saved);
} else {
  showSignIn();
}

function showSignIn() {
  const api = createApi(createHttp(null));
  root.replaceChildren(authView({ actions: signInActions(api), onSignedIn: (answer) => start(Session.fromSignIn(answer)) }));
}

function start(session) {
  const api = createApi(createHttp(session));
  const realtime = new RealtimeClient({
    transportFactory: () => new SockJSEventBusTransport('/eventbus'),
    session,
    api: { changesAfter: api.changesAfter, sendMessage: api.send },
    outboxStorage: localStorageFor(`parley.outbox.${session.user.id}`),
  });
  const store = new Store(session.user);
  const actions = new Actions({
    api, store, realtime, session,
    liveStorage: localStorageFor(`parley.live.${session.user.id}`),
    geolocation: navigator.geolocation,
  });
  const shell = appShell({ store, actions, realtime });

  // A session ended here, in another tab or by the server: start over at the sign-in screen.
  session.onEnded(() => {
    actions.liveSharing.stopAll();
    realtime.stop();
    location.assign('/');
  });
  realtime.on('unauthorized', () => session.end());
  window.addEventListener('offline', () => realtime.networkLost());
  window.addEventListener('online', () => realtime.reconnectNow());

  root.replaceChildren(shell.element);
  session.keepFresh();
  realtime.start();
  actions.liveSharing.resume();
  shell.start();
  loadChats();
  actions.stories.load().catch(() => {});

  async function loadChats() {
    try {
      await actions.loadChats();
    } catch (error) {
      if (!error.sessionEnded) {
        setTimeout(loadChats, 3_000);
      }
    }
  }
}
