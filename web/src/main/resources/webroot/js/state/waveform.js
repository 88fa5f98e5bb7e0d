/**
 * Waveforms of voice notes: a few dozen bar heights (0…1) drawn along the player. The server
 * keeps no waveform, so a voice note from someone else is decoded here once (voice notes are
 * small); one recorded here keeps the levels measured while recording.
 */

export const BARS = 40;
/** Larger audio is not fetched just to draw bars: the player shows a plain track instead. */
export const MAX_DECODED_BYTES = 4_000_000;

/** Bar heights from samples: the peak of each of `bars` equal slices, scaled so the loudest is 1. */
export function peaksOf(samples, bars = BARS) {
  if (!samples?.length) {
    return [];
  }
  const slice = Math.max(1, Math.floor(samples.length / bars));
  const peaks = [];
  for (let bar = 0; bar < bars; bar += 1) {
    let peak = 0;
    const end = Math.min(samples.length, (bar + 1) * slice);
    for (let i = bar * slice; i < end; i += 1) {
      peak = Math.max(peak, Math.abs(samples[i]));
    }
    peaks.push(peak);
  }
  return normalise(peaks);
}

/** Levels measured over time (e.g. while recording) folded into `bars` bars. */
export function resample(levels, bars = BARS) {
  if (!levels?.length) {
    return [];
  }
  const peaks = [];
  for (let bar = 0; bar < bars; bar += 1) {
    const from = Math.floor((bar * levels.length) / bars);
    const to = Math.max(from + 1, Math.floor(((bar + 1) * levels.length) / bars));
    peaks.push(Math.max(...levels.slice(from, to)));
  }
  return normalise(peaks);
}

function normalise(peaks) {
  const loudest = Math.max(...peaks);
  // A floor keeps silence visible as a thin line rather than nothing.
  return peaks.map((peak) => Math.max(0.06, loudest > 0 ? peak / loudest : 0));
}

/** Decodes audio bytes (an ArrayBuffer) and measures their bars. */
export async function decodePeaks(bytes, bars = BARS) {
  const Context = globalThis.OfflineAudioContext || globalThis.webkitOfflineAudioContext;
  if (!Context) {
    return [];
  }
  const audio = await new Context(1, 1, 8_000).decodeAudioData(bytes);
  return peaksOf(audio.getChannelData(0), bars);
}
