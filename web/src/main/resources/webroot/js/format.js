/** Times, names and previews as people read them. */

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const dateFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const longDayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });

export function clock(iso) {
  return iso ? timeFormat.format(new Date(iso)) : '';
}

/** For the chat list: the time today, the weekday this week, else the date. */
export function shortWhen(iso, now = new Date()) {
  if (!iso) {
    return '';
  }
  const date = new Date(iso);
  if (sameDay(date, now)) {
    return timeFormat.format(date);
  }
  if (now - date < 6 * 86_400_000) {
    return dayFormat.format(date);
  }
  return dateFormat.format(date);
}

/** For the separators between days in a conversation. */
export function dayLabel(iso, now = new Date()) {
  const date = new Date(iso);
  if (sameDay(date, now)) {
    return 'Today';
  }
  if (sameDay(date, new Date(now - 86_400_000))) {
    return 'Yesterday';
  }
  return longDayFormat.format(date);
}

export function dayKey(iso) {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

function sameDay(a, b) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

export function lastSeen(iso, now = new Date()) {
  if (!iso) {
    return 'offline';
  }
  const minutes = Math.round((now - new Date(iso)) / 60_000);
  if (minutes < 1) {
    return 'last seen just now';
  }
  if (minutes < 60) {
    return `last seen ${minutes} min ago`;
  }
  if (sameDay(new Date(iso), now)) {
    return `last seen today at ${clock(iso)}`;
  }
  return `last seen ${dateFormat.format(new Date(iso))} at ${clock(iso)}`;
}

export function initials(name) {
  const words = String(name || '?').trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : [words[0] || '?'];
  return letters.map((word) => [...word][0]).join('').toUpperCase();
}

/** A stable palette slot (0–7) for an id, so a person keeps their colour everywhere. */
export function hue(id) {
  let hash = 0;
  for (const char of String(id)) {
    hash = (hash * 31 + char.codePointAt(0)) >>> 0;
  }
  return hash % 8;
}

/**
 * A text cut into the parts that match the words of a search and the parts between, for
 * highlighting: matchParts('Call me at noon', 'NOON call') → [{text:'Call', match:true},
 * {text:' me at ', match:false}, {text:'noon', match:true}]. Words match case-insensitively,
 * anywhere in the text; the parts joined give the text back unchanged.
 */
export function matchParts(text, query) {
  const words = String(query || '').toLowerCase().split(/\s+/).map((word) => word.replace(/^["'-]+|["']+$/g, '')).filter(Boolean);
  if (!text || words.length === 0) {
    return text ? [{ text, match: false }] : [];
  }
  const pattern = new RegExp(words.sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'giu');
  const parts = [];
  let last = 0;
  for (const found of text.matchAll(pattern)) {
    if (found.index > last) {
      parts.push({ text: text.slice(last, found.index), match: false });
    }
    parts.push({ text: found[0], match: true });
    last = found.index + found[0].length;
  }
  if (last < text.length) {
    parts.push({ text: text.slice(last), match: false });
  }
  return parts;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
