import { h } from './dom.js';
import { ApiError, NetworkError } from '../errors.js';

/**
 * Sign in and create an account, through `actions` ({@link signInActions}). `onSignedIn(answer)`
 * gets the server's answer ({user, accessToken, refreshToken, expiresIn}).
 */
export function authView({ actions, onSignedIn, mode = 'signin' }) {
  const root = h('main', { class: 'auth', id: 'auth' });
  render();
  return root;

  function render() {
    const signingUp = mode === 'signup';
    const error = h('p', { class: 'form-error', role: 'alert', id: 'auth-error' });
    const field = (label, name, attrs) => h('label', { class: 'field' },
      h('span', { class: 'field-label' }, label),
      h('input', { name, required: true, 'aria-describedby': 'auth-error', ...attrs }));
    const form = h('form', { class: 'auth-form', novalidate: false, onsubmit: submit },
      signingUp ? [
        field('Display name', 'displayName', { autocomplete: 'name', maxlength: 64 }),
        field('Username', 'username', { autocomplete: 'username', minlength: 3, maxlength: 32, pattern: '[A-Za-z0-9_]+',
          title: 'Letters, digits and underscores' }),
        field('Email', 'email', { type: 'email', autocomplete: 'email' }),
        field('Password', 'password', { type: 'password', autocomplete: 'new-password', minlength: 10 }),
        h('p', { class: 'hint' }, 'At least 10 characters; a long phrase is easiest to remember.'),
        // Servers that sign people up by invitation ask for the code an admin gave out; others ignore it.
        field('Invite code (if you were given one)', 'inviteCode', { required: false, autocomplete: 'off', maxlength: 64 }),
      ] : [
        field('Email or username', 'login', { autocomplete: 'username' }),
        field('Password', 'password', { type: 'password', autocomplete: 'current-password' }),
      ],
      error,
      h('button', { class: 'button primary wide', type: 'submit' }, signingUp ? 'Create account' : 'Sign in'));

    root.replaceChildren(h('div', { class: 'auth-card' },
      h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'P'), h('h1', {}, 'Parley')),
      h('p', { class: 'tagline' }, signingUp ? 'Create your account' : 'Welcome back'),
      form,
      h('p', { class: 'switch' }, signingUp ? 'Already have an account? ' : 'New to Parley? ',
        h('button', { class: 'link', type: 'button', onclick: () => { mode = signingUp ? 'signin' : 'signup'; render(); } },
          signingUp ? 'Sign in' : 'Create an account'))));
    form.querySelector('input')?.focus();

    async function submit(event) {
      event.preventDefault();
      const data = Object.fromEntries(new FormData(form));
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      error.textContent = '';
      try {
        const deviceName = describeDevice();
        const answer = signingUp ? await actions.signUp({ ...data, deviceName }) : await actions.signIn({ ...data, deviceName });
        onSignedIn(answer);
      } catch (failure) {
        error.textContent = explain(failure);
        button.disabled = false;
      }
    }
  }
}

function explain(failure) {
  if (failure instanceof NetworkError) {
    return 'Cannot reach the server. Check your connection and try again.';
  }
  if (failure instanceof ApiError) {
    if (failure.status === 429) {
      return `Too many attempts. Try again${failure.retryAfter ? ` in ${failure.retryAfter} s` : ' later'}.`;
    }
    return failure.message;
  }
  return 'Something went wrong. Please try again.';
}

/** "Chrome on Linux": what the devices list shows for this sign-in. */
function describeDevice() {
  const agent = navigator.userAgent;
  const browser = /Edg\//.test(agent) ? 'Edge' : /Firefox\//.test(agent) ? 'Firefox'
    : /Chrom(e|ium)\//.test(agent) ? 'Chrome' : /Safari\//.test(agent) ? 'Safari' : 'Browser';
  const system = /Android/.test(agent) ? 'Android' : /iPhone|iPad/.test(agent) ? 'iOS' : /Mac OS X/.test(agent) ? 'macOS'
    : /Windows/.test(agent) ? 'Windows' : /Linux/.test(agent) ? 'Linux' : '';
  return system ? `${browser} on ${system}` : browser;
}
