import { h, replaceChildren } from './dom.js';
import { openDialog, toast } from './dialog.js';
import { describeStanding, reportActions } from '../state/admin-actions.js';
import { adminSettings } from './admin-settings.js';

/**
 * The server's admin area, for moderators and admins only (the server refuses everyone else
 * whatever this shows): the report queue with each report's content and context and the
 * decisions on it; for admins also the accounts with their roles and standing, and the settings.
 */
export function openAdminArea({ actions }) {
  const access = actions.admin.access();
  const tabs = [
    { id: 'reports', label: 'Reports', show: access.moderator, build: () => reportsTab(actions) },
    { id: 'users', label: 'Users & roles', show: access.admin, build: () => usersTab(actions) },
    { id: 'settings', label: 'Settings', show: access.admin, build: () => adminSettings(actions) },
  ].filter((tab) => tab.show);
  const panel = h('div', { class: 'admin-panel' });
  const bar = h('div', { class: 'admin-tabs', role: 'tablist' }, tabs.map((tab) => h('button', {
    type: 'button', role: 'tab', class: ['button', 'small', 'ghost', `tab-${tab.id}`], dataset: { tab: tab.id },
    onclick: () => select(tab),
  }, tab.label)));
  function select(tab) {
    bar.querySelectorAll('[role=tab]').forEach((button) => button.setAttribute('aria-selected', String(button.dataset.tab === tab.id)));
    replaceChildren(panel, tab.build());
  }
  openDialog({ title: 'Administration', className: 'dialog-wide admin-area', build: () => h('div', { class: 'stack' }, bar, panel) });
  if (tabs.length) {
    select(tabs[0]);
  }
}

function reportsTab(actions) {
  const list = h('ul', { class: 'reports', 'aria-label': 'Open reports' });
  const element = h('section', { class: 'stack compact' },
    h('div', { class: 'row' }, h('h3', { class: 'section-title' }, 'Open reports'),
      h('button', { type: 'button', class: 'button small ghost refresh-reports', onclick: () => load() }, 'Refresh')),
    list);
  load();

  async function load() {
    try {
      const reports = await actions.admin.reports('open');
      replaceChildren(list, reports.length ? reports.map((report) => reportRow(report)) : h('li', { class: 'muted no-reports' }, 'Nothing to review.'));
    } catch (error) {
      replaceChildren(list, h('li', { class: 'form-error' }, error.message));
    }
  }

  function reportRow(report) {
    const reason = h('input', { class: 'text-input decision-reason', 'aria-label': 'Why (kept in the audit log)', maxlength: 500,
      placeholder: 'Why (kept in the audit log)' });
    const hours = h('input', { class: 'text-input decision-hours', type: 'number', min: 1, value: 24, 'aria-label': 'Hours of suspension' });
    const standing = describeStanding(report.target.standing);
    return h('li', { class: 'report', dataset: { reportId: report.id } },
      h('div', { class: 'report-head' },
        h('strong', {}, report.subject === 'message' ? 'Message' : 'User'), ' · ', report.reason,
        ' · reported by ', report.reporter.displayName, ' about ', h('span', { class: 'report-target' }, report.target.displayName),
        standing ? h('span', { class: 'muted' }, ` (${standing})`) : null,
        h('span', { class: 'muted' }, ` · ${report.target.reports} report(s), ${report.target.warnings} warning(s)`)),
      report.note ? h('p', { class: 'report-note' }, report.note) : null,
      report.excerpt ? excerpt(report.excerpt) : null,
      h('div', { class: 'report-decision' }, reason, hours,
        reportActions(report).map(({ action, label }) => h('button', {
          type: 'button', class: ['button', 'small', action === 'dismiss' ? 'ghost' : 'danger', `decide-${action}`],
          onclick: async () => {
            if (!reason.value.trim()) {
              toast('Say why: the reason goes into the audit log.', { kind: 'error' });
              reason.focus();
              return;
            }
            try {
              await actions.admin.decide(report.id, { action, reason: reason.value.trim(), hours: hours.value });
              toast(`${label}: done`);
              load();
            } catch (error) {
              toast(error.message, { kind: 'error' });
            }
          },
        }, label))));
  }

  return element;
}

/** The reported message between its neighbours, as the reporter saw them. */
function excerpt({ before = [], message, after = [] }) {
  const line = (item, reported) => h('li', { class: ['excerpt-line', reported && 'reported'] },
    h('span', { class: 'muted' }, `#${item.seq} `), item.deleted ? h('em', {}, 'deleted') : (item.text ?? `[${item.kind}]`));
  return h('ol', { class: 'report-excerpt', 'aria-label': 'The message and its context' },
    before.map((item) => line(item, false)), line(message, true), after.map((item) => line(item, false)));
}

function usersTab(actions) {
  const search = h('input', { class: 'text-input admin-user-search', type: 'search', 'aria-label': 'Find accounts', placeholder: 'Name, username or email' });
  const list = h('ul', { class: 'admin-users', 'aria-label': 'Accounts' });
  search.addEventListener('input', () => load());
  const element = h('section', { class: 'stack compact' }, search, list);
  load();

  async function load() {
    try {
      const users = await actions.admin.users(search.value.trim());
      replaceChildren(list, users.map((user) => userRow(user)));
    } catch (error) {
      replaceChildren(list, h('li', { class: 'form-error' }, error.message));
    }
  }

  function userRow(user) {
    const roles = h('span', { class: 'user-roles' }, (user.roles || []).join(', ') || 'member');
    const toggle = (role) => h('button', {
      type: 'button', class: ['button', 'small', 'ghost', `toggle-${role}`],
      onclick: async () => {
        try {
          user.roles = await actions.admin.setRole(user, role, !(user.roles || []).includes(role));
          replaceChildren(roles, user.roles.join(', ') || 'member');
        } catch (error) {
          toast(error.message, { kind: 'error' });
        }
      },
    }, `Toggle ${role}`);
    const standing = describeStanding(user.standing);
    return h('li', { class: 'admin-user', dataset: { userId: user.id } },
      h('span', {}, h('strong', {}, user.displayName), ` @${user.username} · ${user.email} · `), roles,
      standing ? h('span', { class: 'muted' }, ` · ${standing}`) : null,
      h('span', { class: 'row' }, toggle('moderator'), toggle('admin'),
        standing ? h('button', {
          type: 'button', class: 'button small ghost reinstate',
          onclick: () => actions.admin.sanction(user.id, { action: 'reinstate', reason: 'Reinstated by an admin' })
            .then(() => load(), (error) => toast(error.message, { kind: 'error' })),
        }, 'Reinstate') : null));
  }

  return element;
}
