import {h, render, field, notice} from '../dom.js';
import {login, session} from '../api.js';

export async function loginPage({main, params, navigate, showFlash}) {
  const username = field('User name', {name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none'});
  const password = field('Password', {name: 'password', type: 'password', autocomplete: 'current-password', required: true});
  const status = h('div', {class: 'form-status'});
  const submit = h('button', {type: 'submit', class: 'btn btn-primary'}, 'Sign in');
  const form = h('form', {class: 'card narrow', id: 'login-form', novalidate: true}, username.wrap, password.wrap, status, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    username.setError(username.input.value.trim() ? null : 'Enter your user name');
    password.setError(password.input.value ? null : 'Enter your password');
    if (!username.input.value.trim() || !password.input.value) return;
    submit.disabled = true;
    status.replaceChildren(notice('info', 'Signing in…'));
    try {
      await login(username.input.value.trim(), password.input.value);
      const next = params.get('next');
      showFlash('ok', `Signed in as ${session.user.username}.`, true);
      navigate(next && next.startsWith('#/') && !next.startsWith('#/login') ? next : '#/');
    } catch (e) {
      status.replaceChildren(notice('error', e.status === 401 ? 'Wrong user name or password.' : e.message));
      password.input.value = '';
      password.input.focus();
    } finally {
      submit.disabled = false;
    }
  });
  render(main,
    h('h1', {}, 'Sign in'),
    params.get('expired') ? null : h('p', {class: 'muted'}, 'Sign in with your repository account.'),
    form);
  username.input.focus();
}
