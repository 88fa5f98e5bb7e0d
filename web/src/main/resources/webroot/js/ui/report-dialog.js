import { h } from './dom.js';
import { openDialog, toast } from './dialog.js';
import { REPORT_REASONS } from '../state/admin-actions.js';

/**
 * Reporting a message or a person to the server's moderators: a reason from the fixed list and an
 * optional note. `send({reason, note})` does it; a refusal (already reported, gone) is shown.
 */
export function openReportDialog({ title, send }) {
  const reason = h('select', { class: 'text-input report-reason', 'aria-label': 'Reason', required: true },
    h('option', { value: '' }, 'Choose a reason…'),
    REPORT_REASONS.map(({ value, label }) => h('option', { value }, label)));
  const note = h('textarea', { class: 'text-input report-note', 'aria-label': 'Note for the moderators', maxlength: 1000, rows: 3,
    placeholder: 'Anything the moderators should know (optional)' });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  openDialog({
    title,
    className: 'dialog-small report-dialog',
    build: (close) => h('form', {
      class: 'stack',
      onsubmit: async (event) => {
        event.preventDefault();
        if (!reason.value) {
          error.textContent = 'Choose a reason.';
          error.hidden = false;
          return;
        }
        try {
          await send({ reason: reason.value, note: note.value.trim() });
          close();
          toast('Reported. Thank you: a moderator will look at it.');
        } catch (failure) {
          error.textContent = failure.message;
          error.hidden = false;
        }
      },
    }, h('p', { class: 'muted' }, 'Only the moderators of this server see reports.'), reason, note, error,
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'button ghost', onclick: close }, 'Cancel'),
      h('button', { type: 'submit', class: 'button danger send-report' }, 'Report'))),
  });
}
