import { h } from './dom.js';
import { icon } from './icons.js';
import { formatDuration } from '../state/media-kinds.js';
import { BARS } from '../state/waveform.js';

const SPEEDS = [1, 1.5, 2];
const STEP_SECONDS = 5;

/**
 * A voice note: play/pause, its waveform (which fills as it plays, and seeks where clicked or
 * with the arrow keys), the time (its length, then the time left while it plays) and the
 * speed. The audio is fetched only when played; the waveform is measured from its bytes once
 * (see MediaActions.waveform), or was measured while it was recorded here.
 */
export function voicePlayer(media, mediaActions, { src } = {}) {
  const audio = h('audio', { class: 'voice-audio', preload: 'none' });
  const play = h('button', { type: 'button', class: 'voice-play', 'aria-label': 'Play voice message' }, icon('play'));
  const bars = Array.from({ length: BARS }, () => h('i', { class: 'voice-bar' }));
  const wave = h('div', {
    class: 'voice-wave', role: 'slider', tabindex: '0', 'aria-label': 'Position in the voice message',
    'aria-valuemin': '0', 'aria-valuemax': String(Math.round((media.durationMs || 0) / 1000)), 'aria-valuenow': '0',
  }, bars);
  const time = h('span', { class: 'voice-time' }, formatDuration(media.durationMs));
  const speed = h('button', { type: 'button', class: 'voice-speed', 'aria-label': 'Playback speed', title: 'Playback speed' }, '1×');
  const element = h('div', { class: 'voice-note', dataset: { mediaId: media.id, state: 'paused' } },
    play, h('div', { class: 'voice-track' }, wave, time), speed, audio);

  drawBars(bars, []);
  mediaActions.waveform(media.id, media.size).then((peaks) => drawBars(bars, peaks), () => {});

  const length = () => (Number.isFinite(audio.duration) && audio.duration > 0 ? audio.duration : (media.durationMs || 0) / 1000);

  async function load() {
    if (!audio.src) {
      audio.src = src || mediaActions.previewOf(media.id) || (await mediaActions.urls(media.id)).url;
    }
  }

  async function toggle() {
    if (!audio.paused) {
      audio.pause();
      return;
    }
    try {
      await load();
      await audio.play();
    } catch (error) {
      element.dataset.state = 'error';
      play.setAttribute('aria-label', 'The voice message cannot be played');
    }
  }

  async function seek(fraction) {
    await load().catch(() => {});
    const target = Math.max(0, Math.min(1, fraction)) * length();
    if (Number.isFinite(target)) {
      audio.currentTime = target;
    }
    progress();
  }

  function progress() {
    const total = length();
    const done = total ? Math.min(1, audio.currentTime / total) : 0;
    const lit = Math.round(done * bars.length);
    bars.forEach((bar, index) => bar.classList.toggle('played', index < lit));
    wave.setAttribute('aria-valuenow', String(Math.round(audio.currentTime)));
    const playing = !audio.paused || audio.currentTime > 0;
    time.textContent = playing && total ? formatDuration(Math.max(0, total - audio.currentTime) * 1000) : formatDuration(media.durationMs);
  }

  play.addEventListener('click', toggle);
  speed.addEventListener('click', () => {
    const next = SPEEDS[(SPEEDS.indexOf(audio.playbackRate) + 1) % SPEEDS.length];
    audio.playbackRate = next;
    audio.defaultPlaybackRate = next;
    speed.textContent = `${next}×`;
  });
  wave.addEventListener('click', (event) => {
    const box = wave.getBoundingClientRect();
    seek((event.clientX - box.left) / box.width);
  });
  wave.addEventListener('keydown', (event) => {
    const step = { ArrowRight: STEP_SECONDS, ArrowUp: STEP_SECONDS, ArrowLeft: -STEP_SECONDS, ArrowDown: -STEP_SECONDS }[event.key];
    if (step) {
      event.preventDefault();
      seek((audio.currentTime + step) / (length() || 1));
    } else if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      toggle();
    }
  });
  audio.addEventListener('timeupdate', progress);
  audio.addEventListener('play', () => {
    element.dataset.state = 'playing';
    play.setAttribute('aria-label', 'Pause voice message');
    play.replaceChildren(icon('pause'));
  });
  audio.addEventListener('pause', () => {
    element.dataset.state = audio.ended ? 'ended' : 'paused';
    play.setAttribute('aria-label', 'Play voice message');
    play.replaceChildren(icon('play'));
  });
  audio.addEventListener('ended', () => {
    element.dataset.state = 'ended';
    audio.currentTime = 0;
    progress();
  });
  return element;
}

/** Bar heights as fractions (CSSOM, which the strict CSP allows); flat bars until the waveform is known. */
export function drawBars(bars, peaks) {
  bars.forEach((bar, index) => {
    const peak = peaks.length ? peaks[Math.floor((index * peaks.length) / bars.length)] : 0.12;
    bar.style.height = `${Math.round(Math.max(0.1, Math.min(1, peak)) * 100)}%`;
  });
}
