import { ApiError, NetworkError } from './errors.js';

/** The upload was cancelled (aborted) on purpose: nothing to report. */
export class UploadCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'UploadCancelled';
    this.cancelled = true;
  }
}

/**
 * Sends a file's bytes straight to the object store with a signed upload ({url, method, headers}
 * from POST /media): exactly the signed headers and no token, as the URL itself is the
 * permission. XMLHttpRequest rather than fetch, because only it reports upload progress.
 *
 * Returns {done, abort}: `done` resolves when the store took the bytes and rejects with
 * UploadCancelled (after abort), NetworkError (no connection) or ApiError (the store refused:
 * expired or tampered URL); `onProgress(fraction)` follows the bytes sent.
 */
export function putObject(upload, blob, { onProgress = () => {} } = {}) {
  const xhr = new XMLHttpRequest();
  const done = new Promise((resolve, reject) => {
    xhr.open(upload.method || 'PUT', upload.url);
    Object.entries(upload.headers || {}).forEach(([name, value]) => xhr.setRequestHeader(name, value));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        onProgress(event.loaded / event.total);
      }
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else {
        reject(storeRefusal(xhr));
      }
    };
    xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => reject(new UploadCancelled());
    xhr.send(blob);
  });
  return { done, abort: () => xhr.abort() };
}

function storeRefusal(xhr) {
  let error = {};
  try {
    error = JSON.parse(xhr.responseText || '{}').error || {};
  } catch {
    // S3 answers in XML: the status says enough.
  }
  return new ApiError(xhr.status, error.code || 'media.store_refused', error.message || `The store answered ${xhr.status}`);
}
