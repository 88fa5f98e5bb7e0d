/**
 * What the app knows about media before and after the server looked at them: which kind a file
 * is sent as, how sizes and durations read, and what a refused upload tells the person.
 * The server has the last word (it sniffs the bytes); this only picks what to ask for.
 */

/** The types each kind takes (media-verticle/README.md), aliases included. */
const TYPES = {
  image: ['image/jpeg', 'image/jpg', 'image/pjpeg', 'image/png', 'image/gif', 'image/webp'],
  video: ['video/mp4', 'video/quicktime', 'video/webm', 'video/ogg'],
  audio: ['audio/mpeg', 'audio/mp3', 'audio/mp4', 'audio/x-m4a', 'audio/m4a', 'audio/aac', 'audio/x-aac', 'audio/wav',
    'audio/x-wav', 'audio/wave', 'audio/flac', 'audio/x-flac', 'audio/ogg', 'audio/webm'],
};

export const MEDIA_KINDS = ['image', 'video', 'audio', 'document'];

/** A file's type without parameters, lower case ('' when the browser does not know it). */
export function baseType(type) {
  return String(type || '').split(';')[0].trim().toLowerCase();
}

/** Whether a kind takes a type (a document takes anything). */
export function takes(kind, type) {
  return kind === 'document' || (TYPES[kind] || []).includes(baseType(type));
}

/**
 * The kind a file is sent as. `chosen` is what the attach menu asked for: 'media' (photo or
 * video), 'audio' or 'document'; nothing for a dropped or pasted file. A file the chosen kind
 * cannot take (a HEIC photo, a PDF picked as a photo) goes as a document, which takes anything.
 */
export function kindFor(file, chosen) {
  const type = baseType(file.type);
  if (chosen === 'document') {
    return 'document';
  }
  const candidates = chosen === 'audio' ? ['audio'] : chosen === 'media' ? ['image', 'video'] : ['image', 'video', 'audio'];
  return candidates.find((kind) => takes(kind, type)) || 'document';
}

/** The type declared for a file: what the browser says, or plain bytes when it does not know. */
export function declaredType(file) {
  return file.type || 'application/octet-stream';
}

/** A voice note is audio recorded here: it has no file name (an audio file sent from disk keeps its name). */
export function isVoiceNote(kind, media) {
  return kind === 'audio' && !media?.fileName;
}

/** 1234567 → "1.2 MB" (decimal units, as file managers show them). */
export function formatBytes(bytes) {
  const value = Number(bytes) || 0;
  if (value < 1000) {
    return `${value} B`;
  }
  const units = ['kB', 'MB', 'GB'];
  let scaled = value;
  let unit = -1;
  while (scaled >= 1000 && unit < units.length - 1) {
    scaled /= 1000;
    unit += 1;
  }
  return `${scaled < 10 ? scaled.toFixed(1) : Math.round(scaled)} ${units[unit]}`;
}

/** 83_000 ms → "1:23"; an hour or more → "1:02:03". */
export function formatDuration(ms) {
  const total = Math.max(0, Math.round((Number(ms) || 0) / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** "report.final.PDF" → "PDF"; no extension → "FILE". */
export function extensionOf(fileName) {
  const match = /\.([A-Za-z0-9]{1,5})$/.exec(String(fileName || ''));
  return match ? match[1].toUpperCase() : 'FILE';
}

const NOUN = { image: 'photo', video: 'video', audio: 'audio file', document: 'file' };

/**
 * Failures an upload gets past by trying again by itself: no connection, the server busy or
 * unavailable, too many of my uploads pending at once, an upload URL that ran out meanwhile.
 */
export function isTransient(error) {
  if (error?.name === 'NetworkError') {
    return true;
  }
  const status = error?.status;
  return status === 429 || status === 408 || status >= 500 || error?.code === 'media.url_expired';
}

/**
 * What to tell the person about a refused upload of `fileName` sent as `kind`, in words, with
 * whether sending it as a plain file instead would help.
 */
export function refusalOf(error, fileName, kind) {
  const name = fileName || (kind === 'audio' ? 'The voice note' : 'The file');
  const noun = NOUN[kind] || 'file';
  switch (error?.code) {
    case 'media.too_large': {
      const max = Number(error.details?.maxBytes);
      return { text: `${name} is too large${max ? `: a ${noun} can be at most ${formatBytes(max)}` : ''}.`, asDocument: false };
    }
    case 'media.type_not_allowed':
      return { text: kind === 'document' ? `${name} cannot be sent.` : `${name} cannot be sent as a ${noun}. ${error.message || ''}`.trim(),
        asDocument: kind !== 'document' };
    case 'media.type_mismatch':
      return { text: `${name} is not what its type says: its contents are something else.`, asDocument: kind !== 'document' };
    case 'media.too_many_pixels':
      return { text: `${name} has too many pixels to show as a photo.`, asDocument: true };
    case 'media.unreadable':
      return { text: `${name} cannot be read as a ${noun}; it may be damaged.`, asDocument: kind !== 'document' };
    case 'media.size_mismatch':
      return { text: `${name} did not arrive whole. Try again.`, asDocument: false };
    default:
      return { text: `${name} could not be sent: ${error?.message || 'unknown error'}.`, asDocument: false };
  }
}
