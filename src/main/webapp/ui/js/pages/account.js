import {h, render, field, notice, emptyState, table, td, time, copyButton} from '../dom.js';
import {api, session} from '../api.js';
import {friendlyError} from '../messages.js';

/** The signed-in user: password change and API tokens (create, list, revoke; a new token is shown once). */
export async function accountPage({main}) {
  const me = await api('/auth/me');
  const user = me.user || session.user;
  const tokensSection = h('section', {class: 'card', 'aria-labelledby': 'tokens-heading'});
  render(main, h('h1', {}, 'Your account'),
    h('p', {}, 'Signed in as ', h('strong', {}, user.username), ' with scopes ',
      (user.scopes || []).map((s) => h('span', {class: 'badge'}, s))),
    passwordForm(user),
    tokensSection);
  await renderTokens(tokensSection, user);
}

function passwordForm(user) {
  const current = field('Current password', {type: 'password', name: 'old_password', autocomplete: 'current-password', required: true});
  const next = field('New password', {type: 'password', name: 'new_password', autocomplete: 'new-password', required: true},
    'At least 12 characters, not containing your user name, not a common password.');
  const again = field('Repeat the new password', {type: 'password', name: 'new_password_again', autocomplete: 'new-password', required: true});
  const status = h('div', {class: 'form-status'});
  const submit = h('button', {type: 'submit', class: 'btn btn-primary'}, 'Change password');
  const form = h('form', {id: 'password-form', novalidate: true}, current.wrap, next.wrap, again.wrap, submit, status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const pw = next.input.value;
    current.setError(current.input.value ? null : 'Enter your current password');
    next.setError(pw.length < 12 ? 'The new password needs at least 12 characters'
      : pw.toLowerCase().includes(user.username.toLowerCase()) ? 'The new password must not contain your user name' : null);
    again.setError(again.input.value === pw ? null : 'The two new passwords differ');
    const bad = [current, next, again].find((f) => f.input.getAttribute('aria-invalid'));
    if (bad) {
      bad.input.focus();
      return;
    }
    submit.disabled = true;
    status.replaceChildren(notice('info', 'Changing the password…'));
    try {
      const result = await api('/auth/change-password', {method: 'POST', keep401: true,
        body: {old_password: current.input.value, new_password: pw}});
      session.save(result.token, session.user, result.expires_at);
      form.reset();
      status.replaceChildren(notice('ok', 'Password changed. Sessions and tokens issued before the change no longer work; this tab has a new session.'));
    } catch (e) {
      if (e.status === 401) {
        try {
          await api('/auth/me');
        } catch (ignored) {
          return; // the session itself has ended
        }
        current.setError('The current password is wrong');
        current.input.focus();
        status.replaceChildren(notice('error', 'The current password is wrong.'));
      } else if (e.code === 'WEAK_PASSWORD') {
        next.setError(friendlyError(e));
        next.input.focus();
        status.replaceChildren(notice('error', friendlyError(e)));
      } else {
        status.replaceChildren(notice('error', friendlyError(e)));
      }
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', {class: 'card', 'aria-labelledby': 'password-heading'}, h('h2', {id: 'password-heading'}, 'Change password'), form);
}

/** Tomorrow as yyyy-mm-dd (UTC): the earliest expiry a new token may have. */
function tomorrow() {
  return new Date(Date.now() + 86400000).toISOString().slice(0, 10);
}

async function renderTokens(section, user, fresh = null) {
  const list = await api('/auth/tokens');
  const name = field('Token name', {name: 'token_name', required: true, placeholder: 'e.g. ci-deploy'});
  const scopeBoxes = (user.scopes || []).map((s) => {
    const id = `scope-${s}`;
    return h('span', {class: 'check'}, h('input', {type: 'checkbox', id, name: 'scopes', value: s, checked: s === 'read'}), h('label', {for: id}, s));
  });
  const expires = field('Expires on (optional)', {type: 'date', name: 'expires', min: tomorrow()},
    'The token stops working at the start of this day (UTC). Leave empty for a token that does not expire.');
  const created = h('div', {class: 'form-status', 'aria-live': 'polite'});
  const form = h('form', {id: 'token-form', novalidate: true}, name.wrap,
    h('fieldset', {}, h('legend', {}, 'Scopes'), scopeBoxes), expires.wrap,
    h('button', {type: 'submit', class: 'btn btn-primary'}, 'Create token'), created);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const scopes = [...form.querySelectorAll('input[name=scopes]:checked')].map((x) => x.value);
    name.setError(name.input.value.trim() ? null : 'Give the token a name');
    if (!name.input.value.trim()) return name.input.focus();
    if (scopes.length === 0) {
      created.replaceChildren(notice('error', 'Choose at least one scope.'));
      return;
    }
    const body = {name: name.input.value.trim(), scopes};
    if (expires.input.value && expires.input.value < tomorrow()) {
      expires.setError(`Choose a day after today, for example ${tomorrow()}, or leave it empty.`);
      expires.input.focus();
      return;
    }
    expires.setError(null);
    if (expires.input.value) body.expires_at = `${expires.input.value}T00:00:00Z`;
    try {
      const result = await api('/auth/tokens', {method: 'POST', body});
      // the new secret goes to the top of the section, where it cannot be missed, and takes the focus
      await renderTokens(section, user, notice('ok',
        h('p', {}, h('strong', {}, `Token “${result.api_token.name}” created. `), 'Copy it now: it is not shown again.'),
        h('p', {class: 'secret'}, h('code', {id: 'new-token'}, result.token), ' ', copyButton(result.token, 'Copy token'))));
      const box = section.querySelector('#new-token-box');
      box.scrollIntoView({block: 'start'});
      box.focus({preventScroll: true});
    } catch (e) {
      if (e.status === 401) return;
      created.replaceChildren(notice('error', friendlyError(e)));
    }
  });
  const rows = list.tokens.map((t) => {
    const revoke = h('button', {type: 'button', class: 'btn btn-small btn-danger', 'data-token': t.name}, 'Revoke');
    revoke.addEventListener('click', async () => {
      if (revoke.dataset.confirm !== '1') {
        revoke.dataset.confirm = '1';
        revoke.textContent = 'Confirm revoke';
        return;
      }
      try {
        await api(`/auth/tokens/${encodeURIComponent(t.id)}`, {method: 'DELETE'});
        await renderTokens(section, user);
        section.querySelector('.form-status').replaceChildren(notice('ok', `Token “${t.name}” revoked.`));
      } catch (e) {
        if (e.status !== 401) revoke.replaceWith(notice('error', friendlyError(e)));
      }
    });
    return h('tr', {}, td('Name', t.name), td('Scopes', (t.scopes || []).join(', ')), td('Created', time(t.created_at)),
      td('Expires', t.expires_at ? time(t.expires_at) : 'never'), td('', revoke));
  });
  section.replaceChildren(h('h2', {id: 'tokens-heading'}, 'API tokens'),
    fresh ? h('div', {id: 'new-token-box', tabindex: '-1'}, fresh) : null,
    h('p', {class: 'muted'}, 'Long-lived tokens for scripts and CI: use them as "Authorization: Bearer <token>".'),
    rows.length ? table('Your API tokens', ['Name', 'Scopes', 'Created', 'Expires', ''], rows) : emptyState('You have no API tokens.'),
    h('h3', {}, 'New token'), form);
}
