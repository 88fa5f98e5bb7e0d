import { run } from './harness.js';
import './backoff-and-outbox.test.js';
import './chat-sequencer.test.js';
import './realtime-client.test.js';
import './sockjs-transport.test.js';
import './ui-safety.test.js';
import './message-state.test.js';
import './live-sharing.test.js';
import './domain-actions.test.js';
import './message-menu.test.js';
import './media-state.test.js';
import './media-ui.test.js';
import './notifications.test.js';
import './service-worker.test.js';
import './admin.test.js';
import './stories.test.js';

const log = document.getElementById('log');
run((result) => {
  log.textContent += `${result.passed ? 'PASS' : 'FAIL'} ${result.name} (${result.ms} ms)\n${result.error ? `${result.error}\n` : ''}`;
}).then((results) => { window.parleyTestResults = results; },
  (error) => { window.parleyTestResults = [{ name: 'test runner', passed: false, error: String(error), ms: 0 }]; });
