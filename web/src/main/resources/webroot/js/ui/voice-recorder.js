import { h, replaceChildren } from './dom.js';
import { icon } from './icons.js';
import { toast } from './dialog.js';
import { formatDuration } from '../state/media-kinds.js';
import { resample } from '../state/waveform.js';

/** Formats the server takes for voice notes, best first (Chromium and Firefox record WebM or Ogg Opus, Safari MP4). */
const FORMATS = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'];
const LIVE_BARS = 32;
const LEVEL_EVERY_MS = 100;
const SHORTEST_MS = 700;
const LONGEST_MS = 15 * 60_000;

/** Whether this browser can record here (a secure context with a microphone API and MediaRecorder). */
export function canRecord() {
  return Boolean(globalThis.isSecureContext && navigator.mediaDevices?.getUserMedia && globalThis.MediaRecorder);
}

/** The recording format: one the server takes that this browser records, declared with its codec. */
export function recordingFormat(isSupported = (type) => MediaRecorder.isTypeSupported(type)) {
  return FORMATS.find((type) => isSupported(type)) || '';
}

/**
 * Records a voice note in the composer: the microphone is asked for when recording starts;
 * while it runs the bar shows the time and the live level; Send stops it and hands the note
 * over (`onDone(blob, {durationMs, peaks})`), the bin throws it away. Escape cancels too.
 * `onEnd()` runs when the bar should give way to the composer again.
 */
export function voiceRecorder({ onDone, onEnd }) {
  const clock = h('span', { class: 'rec-time', 'aria-live': 'off' }, '0:00');
  const levels = h('div', { class: 'rec-levels', 'aria-hidden': 'true' }, Array.from({ length: LIVE_BARS }, () => h('i')));
  const cancelButton = h('button', { type: 'button', class: 'icon-button rec-cancel', 'aria-label': 'Discard the recording', title: 'Discard' }, icon('trash'));
  const sendButton = h('button', { type: 'button', class: 'send-button rec-send', 'aria-label': 'Send voice message', title: 'Send voice message' }, icon('send'));
  const element = h('div', { class: 'recorder', role: 'group', 'aria-label': 'Recording a voice message', hidden: true },
    cancelButton, h('span', { class: 'rec-dot', 'aria-hidden': 'true' }), clock, levels, h('span', { class: 'rec-label' }, 'Recording…'), sendButton);

  let session = null;

  cancelButton.addEventListener('click', () => stop(false));
  sendButton.addEventListener('click', () => stop(true));
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      stop(false);
    }
  });

  async function start() {
    if (session) {
      return;
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
    } catch (error) {
      toast(error?.name === 'NotAllowedError' ? 'Parley may not use the microphone: allow it in the browser to record.'
        : 'No microphone to record with.', { kind: 'error' });
      onEnd();
      return;
    }
    const mimeType = recordingFormat();
    const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const current = { stream, recorder, chunks: [], levels: [], startedAt: performance.now(), send: false };
    session = current;
    recorder.addEventListener('dataavailable', (event) => event.data.size && current.chunks.push(event.data));
    recorder.addEventListener('stop', () => finish(current));
    recorder.start(250);
    meter(current);
    element.hidden = false;
    sendButton.focus();
  }

  /** The level of the microphone, sampled while recording: the live bars now, the note's waveform later. */
  function meter(current) {
    const Context = globalThis.AudioContext || globalThis.webkitAudioContext;
    const context = Context ? new Context() : null;
    let samples = null;
    let analyser = null;
    if (context) {
      analyser = context.createAnalyser();
      analyser.fftSize = 1024;
      context.createMediaStreamSource(current.stream).connect(analyser);
      samples = new Float32Array(analyser.fftSize);
    }
    current.context = context;
    current.timer = setInterval(() => {
      const elapsed = performance.now() - current.startedAt;
      // Whole seconds gone, as a stopwatch counts (not rounded up).
      clock.textContent = formatDuration(Math.floor(elapsed / 1000) * 1000);
      let level = 0;
      if (analyser) {
        analyser.getFloatTimeDomainData(samples);
        level = Math.sqrt(samples.reduce((sum, value) => sum + value * value, 0) / samples.length);
      }
      current.levels.push(level);
      const recent = current.levels.slice(-LIVE_BARS);
      [...levels.children].forEach((bar, index) => {
        const value = recent[index - (LIVE_BARS - recent.length)] || 0;
        bar.style.height = `${Math.round(Math.min(1, 0.12 + value * 4) * 100)}%`;
      });
      if (elapsed >= LONGEST_MS) {
        stop(true);
      }
    }, LEVEL_EVERY_MS);
  }

  function stop(send) {
    if (!session) {
      return;
    }
    session.send = send;
    session.durationMs = performance.now() - session.startedAt;
    clearInterval(session.timer);
    if (session.recorder.state !== 'inactive') {
      session.recorder.stop();
    } else {
      finish(session);
    }
  }

  function finish(current) {
    current.stream.getTracks().forEach((track) => track.stop());
    current.context?.close().catch(() => {});
    session = null;
    element.hidden = true;
    clock.textContent = '0:00';
    replaceChildren(levels, Array.from({ length: LIVE_BARS }, () => h('i')));
    onEnd();
    if (!current.send) {
      return;
    }
    const blob = new Blob(current.chunks, { type: current.recorder.mimeType || current.chunks[0]?.type || 'audio/webm' });
    if (current.durationMs < SHORTEST_MS || blob.size === 0) {
      toast('Too short to send: keep recording a little longer.');
      return;
    }
    onDone(blob, { durationMs: Math.round(current.durationMs), peaks: resample(current.levels) });
  }

  return { element, start, cancel: () => stop(false), get recording() { return Boolean(session); } };
}
