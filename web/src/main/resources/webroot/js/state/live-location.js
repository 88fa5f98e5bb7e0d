/**
 * Live locations as messages: a `live_location` message holds the last position, `liveUntil`,
 * and `stoppedAt` once its sender stopped it. Positions in between arrive as `location.updated`
 * events (not numbered changes): the newest one wins.
 */

/** Shared until its time, unless stopped or deleted. */
export function isLive(message, now = Date.now()) {
  const location = message?.location;
  return message?.kind === 'live_location' && !message.deleted && Boolean(location)
    && !location.stoppedAt && Date.parse(location.liveUntil) > now;
}

/**
 * The message moved to a reported position; the same message when the report is older than the
 * position it already shows (reports may overtake each other), or it is not a live location.
 */
export function moved(message, { latitude, longitude, time }) {
  if (message?.kind !== 'live_location' || !message.location || message.location.stoppedAt) {
    return message;
  }
  const known = message.location.updatedAt;
  if (known && time && Date.parse(time) < Date.parse(known)) {
    return message;
  }
  return { ...message, location: { ...message.location, latitude, longitude, updatedAt: time || new Date().toISOString() } };
}

/** "until 14:30" / "ended": what a live card says about its time. */
export function liveUntilLabel(message, clock, now = Date.now()) {
  if (isLive(message, now)) {
    return `Live until ${clock(message.location.liveUntil)}`;
  }
  return message.location?.stoppedAt ? 'Sharing stopped' : 'Sharing ended';
}
