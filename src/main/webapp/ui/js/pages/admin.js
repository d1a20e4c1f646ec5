import {h, render, field, notice, emptyState, table, td, time, formatBytes} from '../dom.js';
import {api, query, enc, session} from '../api.js';
import {forgetRules} from '../rules.js';
import {friendlyError, describeRule} from '../messages.js';
import {rruleToText} from '../rrule.js';

const TABS = [
  ['dashboard', 'Dashboard'], ['config', 'Configuration'], ['users', 'Users'], ['grants', 'Namespace grants'], ['group-mappings', 'Group mappings'],
  ['events', 'Events'],
  ['store', 'Store'], ['gc', 'Garbage collection'],
];

/** Administration (admin scope): #/admin/dashboard (default), config, users, grants, group-mappings, events, store, gc. */
export async function adminPage({main, args, params}) {
  const tab = args[0] || 'dashboard';
  // the dashboard (and its chart library) loads only when opened
  const dashboardTab = async (b) => (await import('./dashboard.js')).dashboardTab(b);
  const page = {dashboard: dashboardTab, config: configTab, users: usersTab, grants: grantsTab, 'group-mappings': groupMappingsTab, events: (b) => eventsTab(b, params), store: storeTab, gc: gcTab}[tab];
  const tabs = h('nav', {class: 'tabs', 'aria-label': 'Administration'},
    TABS.map(([id, label]) => h('a', {href: `#/admin/${id}`, 'aria-current': id === tab ? 'page' : null}, label)));
  const body = h('div', {id: 'admin-body'}, h('p', {class: 'muted'}, 'Loading…'));
  render(main, h('h1', {}, `Administration: ${(TABS.find((t) => t[0] === tab) || [null, 'not found'])[1]}`), tabs, body);
  if (!page) {
    body.replaceChildren(notice('error', 'No such administration page.'));
    return;
  }
  await page(body);
}

function errorText(e) {
  return friendlyError(e);
}

/**
 * A destructive action asks first: the first press turns the button into "Confirm …" (with a Cancel beside it),
 * only the second press acts. Returns the button.
 */
function confirmButton(label, confirmLabel, action, attrs = {}) {
  const button = h('button', {type: 'button', class: 'btn btn-small btn-danger', ...attrs}, label);
  let cancel = null;
  const reset = () => {
    delete button.dataset.confirm;
    button.textContent = label;
    if (cancel) cancel.remove();
    cancel = null;
  };
  button.addEventListener('click', async () => {
    if (button.dataset.confirm !== '1') {
      button.dataset.confirm = '1';
      button.textContent = confirmLabel;
      cancel = h('button', {type: 'button', class: 'btn btn-small'}, 'Cancel');
      cancel.addEventListener('click', () => {
        reset();
        button.focus();
      });
      button.after(cancel);
      return;
    }
    reset();
    await action();
  });
  return button;
}

// ---- configuration -----------------------------------------------------------------------------------

async function configTab(body) {
  const {config} = await api('/admin/config');
  body.replaceChildren(
    h('p', {class: 'muted'}, `Schema ${config.schema_version} (${config.type_id}), configuration revision `,
      h('strong', {id: 'config-revision'}, String(config.revision)), '.'),
    featuresCard(config),
    collectionCard('Routes', 'routes', config.api_routes, 'route_id', routeSummary, ROUTE_TEMPLATE),
    collectionCard('Upstreams', 'upstreams', config.upstreams, 'name', upstreamSummary, UPSTREAM_TEMPLATE),
    entitiesCard(config.entities),
    storesCard(config),
    scopesCard(config));
}

function featuresCard(config) {
  const section = h('section', {class: 'card', id: 'features', 'aria-labelledby': 'features-heading'});
  const draw = (features, revision, message) => {
    const boxes = Object.entries(features).filter(([, v]) => typeof v === 'boolean').map(([k, v]) => {
      const id = `feature-${k}`;
      return h('div', {class: 'check'}, h('input', {type: 'checkbox', id, name: k, checked: v}), h('label', {for: id}, k));
    });
    const status = h('div', {class: 'form-status'}, message || null);
    const form = h('form', {id: 'features-form', novalidate: true},
      h('fieldset', {}, h('legend', {}, 'Feature flags'), boxes.length ? boxes : emptyState('No feature flags.')),
      h('button', {type: 'submit', class: 'btn btn-primary'}, 'Save features'), status);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const flags = {};
      form.querySelectorAll('input[type=checkbox]').forEach((box) => {
        if (box.checked !== features[box.name]) flags[box.name] = box.checked;
      });
      if (Object.keys(flags).length === 0) {
        status.replaceChildren(notice('info', 'Nothing changed.'));
        return;
      }
      try {
        const result = await api('/admin/features', {method: 'PUT', body: flags, headers: {'If-Match': `"${revision}"`}});
        forgetRules();
        draw(result.features, result.revision, notice('ok', `Saved: configuration revision ${result.revision}.`));
      } catch (e) {
        if (e.status !== 401) status.replaceChildren(notice('error', errorText(e)));
      }
    });
    section.replaceChildren(h('h2', {id: 'features-heading'}, 'Features'), form);
  };
  draw(config.features, config.revision);
  return section;
}

function routeSummary(route) {
  return [
    td('Route', h('code', {}, route.route_id)),
    td('Method', route.method),
    td('Path', h('code', {}, route.path)),
    td('Tags', (route.tags || []).map((t) => h('span', {class: 'badge'}, t))),
    td('Pipeline', h('ol', {class: 'pipeline'}, (route.pipeline || []).map((step) => h('li', {}, h('code', {}, step.op || JSON.stringify(step)))))),
  ];
}

function upstreamSummary(upstream) {
  return [
    td('Name', h('code', {}, upstream.name)),
    td('Base URL', h('code', {}, upstream.base_url || '—')),
    td('Settings', h('code', {class: 'json-inline'}, JSON.stringify(Object.fromEntries(Object.entries(upstream).filter(([k]) => k !== 'name' && k !== 'base_url'))))),
  ];
}

const ROUTE_TEMPLATE = {
  id: 'my_route', method: 'GET', path: '/v1/{namespace}/{name}/my-route', tags: ['public'],
  pipeline: [
    {op: 'auth.require_scopes', args: {scopes: ['read']}},
    {op: 'respond.json', args: {status: 200, body: {ok: true}}},
  ],
};

const UPSTREAM_TEMPLATE = {name: 'mirror', base_url: 'https://example.org', auth: {mode: 'none'}};

/** A list from /admin/config with an edit form per item (JSON in the schema's own form) and an add form. */
function collectionCard(title, collection, items, key, summary, template) {
  const id = `${collection}-card`;
  const section = h('section', {class: 'card', id, 'aria-labelledby': `${id}-heading`});
  const editor = h('div', {class: 'editor-slot'});
  const rows = (items || []).map((item) => {
    const edit = h('button', {type: 'button', class: 'btn btn-small', 'data-edit': item[key]}, 'Edit');
    edit.addEventListener('click', () => openEditor(item[key]));
    return h('tr', {}, summary(item), td('', edit));
  });
  const add = h('button', {type: 'button', class: 'btn', id: `${collection}-add`}, `Add ${title.toLowerCase().replace(/s$/, '')}`);
  add.addEventListener('click', () => showEditor(null, template, null));
  const headers = collection === 'routes' ? ['Route', 'Method', 'Path', 'Tags', 'Pipeline', ''] : ['Name', 'Base URL', 'Settings', ''];
  section.replaceChildren(h('h2', {id: `${id}-heading`}, title),
    rows.length ? table(title, headers, rows) : emptyState(`No ${title.toLowerCase()} configured.`),
    add, editor);

  async function openEditor(name) {
    try {
      const result = await api(`/admin/${collection}/${enc(name)}`);
      showEditor(name, result.item, result.revision);
    } catch (e) {
      if (e.status !== 401) editor.replaceChildren(notice('error', errorText(e)));
    }
  }

  function showEditor(name, item, revision) {
    const text = field(name ? `Edit ${name} (JSON, the schema's form)` : `New ${title.toLowerCase().replace(/s$/, '')} (JSON)`,
      {tag: 'textarea', name: 'json', rows: '16', spellcheck: 'false', class: 'code', value: JSON.stringify(item, null, 2)});
    const status = h('div', {class: 'form-status'});
    const save = h('button', {type: 'submit', class: 'btn btn-primary'}, name ? 'Save' : 'Create');
    const close = h('button', {type: 'button', class: 'btn'}, 'Close');
    close.addEventListener('click', () => editor.replaceChildren());
    const form = h('form', {class: 'editor', id: `${collection}-editor`, novalidate: true}, text.wrap, h('div', {class: 'actions'}, save, close), status);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      let body;
      try {
        body = JSON.parse(text.input.value);
        text.setError(null);
      } catch (e) {
        text.setError(`Not valid JSON: ${e.message}`);
        text.input.focus();
        return;
      }
      const headers = revision ? {'If-Match': `"${revision}"`} : {};
      try {
        const result = name
          ? await api(`/admin/${collection}/${enc(name)}`, {method: 'PUT', body, headers})
          : await api(`/admin/${collection}`, {method: 'POST', body, headers});
        forgetRules();
        const fresh = await api('/admin/config');
        const card = collectionCard(title, collection, fresh.config[collection === 'routes' ? 'api_routes' : 'upstreams'], key, summary, template);
        section.replaceWith(card);
        card.querySelector('.editor-slot').replaceChildren(notice('ok', `Saved: configuration revision ${result.revision}.`));
        const revisionLabel = document.getElementById('config-revision');
        if (revisionLabel) revisionLabel.textContent = String(result.revision);
      } catch (e) {
        if (e.status === 401) return;
        status.replaceChildren(notice('error', h('strong', {}, 'The server refused the change. '), h('span', {class: 'server-error'}, errorText(e))));
      }
    });
    editor.replaceChildren(form);
    text.input.focus();
  }

  return section;
}

function entitiesCard(entities) {
  return h('section', {class: 'card', 'aria-labelledby': 'entities-heading'}, h('h2', {id: 'entities-heading'}, 'Entities'),
    (entities || []).length === 0 ? emptyState('No entities.') : entities.map((entity) => h('div', {},
      h('h3', {}, entity.name, entity.primary_key ? h('span', {class: 'muted'}, ` key: ${[].concat(entity.primary_key).join(', ')}`) : null),
      table(`Fields of ${entity.name}`, ['Field', 'Type', 'Optional', 'Normalize', 'Constraint'], (entity.fields || []).map((f) => h('tr', {},
        td('Field', h('code', {}, f.name)), td('Type', f.type), td('Optional', f.optional ? 'yes' : 'no'),
        td('Normalize', (f.normalizations || []).join(', ') || '—'),
        td('Constraint', (entity.constraints || []).filter((c) => c.field === f.name).map((c) => h('span', {}, c.regex ? describeRule(f.name, c.regex) : 'custom rule')))))))));
}

function storesCard(config) {
  // the schema's roots and kinds are not what the server uses (roots are resolved against its data directory and
  // the metadata store is always LMDB): show what GET /admin/store/stats reports, and the schema's limits
  const section = h('section', {class: 'card', id: 'stores-card', 'aria-labelledby': 'stores-heading'}, h('h2', {id: 'stores-heading'}, 'Stores'),
    h('p', {class: 'muted'}, 'Loading where the stores are…'));
  const limits = Object.fromEntries((config.blob_stores || []).map((s) => [s.name, s]));
  api('/admin/store/stats').then(({stores}) => {
    section.replaceChildren(h('h2', {id: 'stores-heading'}, 'Stores'),
      table('Blob stores', ['Blob store', 'Kind', 'Directory', 'Blobs', 'Stored', 'Path template', 'Max blob'], (stores.blob_stores || []).map((s) => h('tr', {},
        td('Blob store', h('code', {}, s.name)), td('Kind', s.kind), td('Directory', h('code', {class: 'store-root'}, s.root)),
        td('Blobs', s.blob_count === null || s.blob_count === undefined ? '—' : s.blob_count.toLocaleString('en')),
        td('Stored', formatBytes(s.bytes)),
        td('Path template', h('code', {}, (limits[s.name] || {}).path_template || '—')),
        td('Max blob', formatBytes((limits[s.name] || {}).max_blob_bytes))))),
      table('Metadata store', ['Store', 'Engine', 'Directory'], [h('tr', {},
        td('Store', h('code', {}, stores.metadata.schema_store || 'meta')), td('Engine', 'LMDB'),
        td('Directory', h('code', {class: 'store-root'}, stores.metadata.root)))]),
      h('h3', {}, 'Caching'),
      h('dl', {class: 'facts'}, Object.entries(config.caching || {}).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))])));
  }).catch((e) => {
    if (e.status !== 401) section.append(notice('error', friendlyError(e)));
  });
  return section;
}

function scopesCard(config) {
  return h('section', {class: 'card', 'aria-labelledby': 'scopes-heading'}, h('h2', {id: 'scopes-heading'}, 'Scopes and policies'),
    table('Scopes', ['Scope', 'Actions'], (config.auth_scopes || []).map((s) => h('tr', {},
      td('Scope', h('code', {}, s.name)), td('Actions', (s.actions || []).map((a) => h('code', {class: 'chip'}, a)))))),
    table('Policies', ['Policy', 'Effect', 'When', 'Requires'], (config.auth_policies || []).map((p) => h('tr', {},
      td('Policy', p.name), td('Effect', p.effect), td('When', h('code', {}, JSON.stringify(p.conditions))),
      td('Requires', h('code', {}, JSON.stringify(p.requirements)))))));
}

// ---- users -------------------------------------------------------------------------------------------

const SCOPES = ['read', 'write', 'admin'];

async function usersTab(body, cursor = null, message = null) {
  const page = await api(`/admin/users${query({limit: 50, cursor})}`);
  const status = h('div', {class: 'form-status', id: 'users-status', 'aria-live': 'polite'}, message);
  const reload = (text) => usersTab(body, cursor, text ? notice('ok', text) : null);
  const act = async (work, done) => {
    try {
      await work();
      await reload(done);
    } catch (e) {
      if (e.status !== 401) status.replaceChildren(notice('error', friendlyError(e)));
    }
  };
  const rows = page.users.map((u) => {
    const self = u.username === (session.user || {}).username;
    const toggle = u.enabled
      ? confirmButton('Disable', `Confirm: disable ${u.username}`, () => act(
        () => api(`/admin/users/${enc(u.username)}`, {method: 'PUT', body: {enabled: false}}), `${u.username} is disabled: their sessions and tokens stop working.`),
      {'data-action': 'disable', disabled: self})
      : h('button', {type: 'button', class: 'btn btn-small', 'data-action': 'enable', onclick: () => act(
        () => api(`/admin/users/${enc(u.username)}`, {method: 'PUT', body: {enabled: true}}), `${u.username} is enabled again.`)}, 'Enable');
    const edit = h('button', {type: 'button', class: 'btn btn-small', 'data-action': 'edit', 'aria-expanded': 'false'}, 'Scopes and password');
    const remove = confirmButton('Delete', `Confirm: delete ${u.username}`, () => act(
      () => api(`/admin/users/${enc(u.username)}`, {method: 'DELETE'}), `${u.username} is deleted.`), {'data-action': 'delete', disabled: self});
    const row = h('tr', {'data-user': u.username}, td('User', u.username, self ? h('span', {class: 'muted'}, ' (you)') : null),
      td('Scopes', (u.scopes || []).map((x) => h('span', {class: 'badge'}, x))),
      td('Status', u.enabled ? 'enabled' : h('strong', {class: 'disabled'}, 'disabled')), td('Created', time(u.created_at)), td('Updated', time(u.updated_at)),
      td('Actions', h('span', {class: 'row-actions'}, toggle, edit, remove)));
    edit.addEventListener('click', () => {
      const open = row.nextElementSibling && row.nextElementSibling.classList.contains('user-editor');
      if (open) {
        row.nextElementSibling.remove();
        edit.setAttribute('aria-expanded', 'false');
        return;
      }
      edit.setAttribute('aria-expanded', 'true');
      row.after(h('tr', {class: 'user-editor'}, h('td', {colspan: '6'}, userEditor(u, act))));
    });
    return row;
  });
  body.replaceChildren(
    h('section', {class: 'card'}, h('h2', {}, 'Users'), status,
      rows.length ? table('Users', ['User', 'Scopes', 'Status', 'Created', 'Updated', 'Actions'], rows) : emptyState('No users.'),
      h('div', {class: 'pager'}, cursor ? h('button', {type: 'button', class: 'btn', onclick: () => usersTab(body)}, 'First page') : null,
        page.next_cursor ? h('button', {type: 'button', class: 'btn', onclick: () => usersTab(body, page.next_cursor)}, 'Next page') : null)),
    h('section', {class: 'card'}, h('h2', {}, 'New user'), newUserForm(body)));
}

function scopeChecks(prefix, chosen) {
  return h('fieldset', {}, h('legend', {}, 'Scopes'), SCOPES.map((x) => h('span', {class: 'check'},
    h('input', {type: 'checkbox', id: `${prefix}-${x}`, name: 'scopes', value: x, checked: chosen.includes(x)}), h('label', {for: `${prefix}-${x}`}, x))));
}

function userEditor(u, act) {
  const id = `edit-${u.username.replace(/[^a-z0-9]/gi, '_')}`;
  const scopesForm = h('form', {class: 'inline-form user-scopes', novalidate: true}, scopeChecks(`${id}-scope`, u.scopes || []),
    h('button', {type: 'submit', class: 'btn btn-primary'}, 'Save scopes'));
  scopesForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const scopes = [...scopesForm.querySelectorAll('input[name=scopes]:checked')].map((x) => x.value);
    act(() => api(`/admin/users/${enc(u.username)}`, {method: 'PUT', body: {scopes}}), `Scopes of ${u.username}: ${scopes.join(', ') || 'none'}.`);
  });
  const password = field(`New password for ${u.username}`, {type: 'password', name: 'password', autocomplete: 'new-password', id: `${id}-password`},
    'At least 12 characters, not containing the user name. Their sessions and tokens stop working.');
  const passwordForm = h('form', {class: 'inline-form user-password', novalidate: true}, password.wrap,
    h('button', {type: 'submit', class: 'btn btn-danger'}, 'Reset password'));
  passwordForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (password.input.value.length < 12) {
      password.setError('Use at least 12 characters, for example four unrelated words.');
      password.input.focus();
      return;
    }
    password.setError(null);
    act(() => api(`/admin/users/${enc(u.username)}`, {method: 'PUT', body: {password: password.input.value}}), `The password of ${u.username} is reset.`);
  });
  return h('div', {class: 'user-edit'}, scopesForm, passwordForm);
}

function newUserForm(body) {
  const username = field('User name', {name: 'username', required: true, autocapitalize: 'none', placeholder: 'e.g. jane.doe'});
  const password = field('Initial password', {type: 'password', name: 'password', autocomplete: 'new-password', required: true},
    'At least 12 characters, not containing the user name.');
  const status = h('div', {class: 'form-status'});
  const form = h('form', {id: 'user-form', novalidate: true}, username.wrap, password.wrap, scopeChecks('new-user', ['read']),
    h('button', {type: 'submit', class: 'btn btn-primary'}, 'Create user'), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('/admin/users', {method: 'POST', body: {username: username.input.value.trim(), password: password.input.value,
        scopes: [...form.querySelectorAll('input[name=scopes]:checked')].map((x) => x.value)}});
      await usersTab(body);
      body.querySelector('#user-form .form-status').replaceChildren(notice('ok', 'User created.'));
    } catch (e) {
      if (e.status !== 401) status.replaceChildren(notice('error', friendlyError(e)));
    }
  });
  return form;
}

// ---- namespace grants --------------------------------------------------------------------------------

const ACTIONS = ['read', 'write', 'admin'];

async function grantsTab(body, message = null) {
  const {grants} = await api('/admin/grants');
  const status = h('div', {class: 'form-status', id: 'grants-status', 'aria-live': 'polite'}, message);
  const act = async (work, done) => {
    try {
      await work();
      await grantsTab(body, notice('ok', done));
    } catch (e) {
      if (e.status !== 401) status.replaceChildren(notice('error', friendlyError(e)));
    }
  };
  const rows = grants.map((g) => h('tr', {'data-grant': g.id}, td('Who', h('span', {class: 'badge'}, g.subject_kind), ' ', g.subject),
    td('Namespaces', h('code', {}, g.pattern)), td('Action', g.action), td('Created', time(g.created_at), ` by ${g.created_by}`),
    td('Actions', confirmButton('Delete', `Confirm: delete ${g.action} on ${g.pattern} for ${g.subject}`, () => act(
      () => api(`/admin/grants/${enc(g.id)}`, {method: 'DELETE'}), `The grant of ${g.action} on ${g.pattern} to ${g.subject} is deleted.`),
    {'data-action': 'delete', 'aria-label': `Delete ${g.action} on ${g.pattern} for ${g.subject_kind} ${g.subject}`}))));
  body.replaceChildren(
    h('section', {class: 'card'}, h('h2', {}, 'Namespace grants'),
      h('p', {class: 'muted'}, 'A grant lets a user, or every member of a directory or identity-provider group, read, write or administer ',
        'the namespaces its pattern covers, in addition to their scopes. Admin includes write; write includes read.'),
      status,
      rows.length ? table('Namespace grants', ['Who', 'Namespaces', 'Action', 'Created', 'Actions'], rows) : emptyState('No grants yet: scopes alone decide.')),
    h('section', {class: 'card'}, h('h2', {}, 'New grant'), newGrantForm(body)));
}

function newGrantForm(body) {
  const kind = field('Grant to', {tag: 'select', name: 'subject_kind', id: 'grant-kind',
    options: [h('option', {value: 'user'}, 'a user'), h('option', {value: 'group'}, 'a group')]});
  const subject = field('User or group name', {name: 'subject', id: 'grant-subject', required: true, autocapitalize: 'none', placeholder: 'e.g. jane.doe or web-team'});
  const pattern = field('Namespaces', {name: 'pattern', id: 'grant-pattern', required: true, autocapitalize: 'none', placeholder: 'e.g. acme or acme-*'},
    'One namespace (acme), a prefix ending in * (acme-* covers acme-web and acme-tools, not acme), or * for every namespace.');
  const action = field('Action', {tag: 'select', name: 'action', id: 'grant-action',
    options: ACTIONS.map((a) => h('option', {value: a}, a))});
  const status = h('div', {class: 'form-status'});
  const form = h('form', {id: 'grant-form', novalidate: true}, kind.wrap, subject.wrap, pattern.wrap, action.wrap,
    h('button', {type: 'submit', class: 'btn btn-primary'}, 'Add grant'), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    subject.setError(null);
    pattern.setError(null);
    const p = pattern.input.value.trim().toLowerCase();
    if (!subject.input.value.trim()) {
      subject.setError('Enter the user or group the grant is for.');
      subject.input.focus();
      return;
    }
    if (!/^(\*|[a-z0-9][a-z0-9._-]{0,127}\*?)$/.test(p)) {
      pattern.setError('Use a namespace (letters, digits, “.”, “_” or “-”), optionally ending in one *, or * alone. For example: acme-*');
      pattern.input.focus();
      return;
    }
    try {
      await api('/admin/grants', {method: 'POST', body: {subject_kind: kind.input.value, subject: subject.input.value.trim(), pattern: p,
        action: action.input.value}});
      await grantsTab(body, notice('ok', `Granted ${action.input.value} on ${p} to ${subject.input.value.trim()}.`));
    } catch (e) {
      if (e.status !== 401) status.replaceChildren(notice('error', friendlyError(e)));
    }
  });
  return form;
}

// ---- group mappings ----------------------------------------------------------------------------------

const MAPPABLE_SCOPES = ['read', 'write', 'admin', 'metrics'];

function mappingChecks(prefix, chosen) {
  return h('fieldset', {}, h('legend', {}, 'Scopes'), MAPPABLE_SCOPES.map((x) => h('span', {class: 'check'},
    h('input', {type: 'checkbox', id: `${prefix}-${x}`, name: 'scopes', value: x, checked: chosen.includes(x)}), h('label', {for: `${prefix}-${x}`}, x))));
}

async function groupMappingsTab(body, message = null) {
  const {group_mappings: mappings} = await api('/admin/auth/group-mappings');
  const status = h('div', {class: 'form-status', id: 'mappings-status', 'aria-live': 'polite'}, message);
  const act = async (work, done) => {
    try {
      await work();
      await groupMappingsTab(body, notice('ok', done));
    } catch (e) {
      if (e.status !== 401) status.replaceChildren(notice('error', friendlyError(e)));
    }
  };
  const rows = mappings.map((m, i) => {
    const form = h('form', {class: 'inline-form mapping-scopes', novalidate: true}, mappingChecks(`mapping-${i}`, m.scopes || []),
      h('button', {type: 'submit', class: 'btn btn-small btn-primary'}, 'Save scopes'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const scopes = [...form.querySelectorAll('input[name=scopes]:checked')].map((x) => x.value);
      act(() => api(`/admin/auth/group-mappings/${enc(m.group)}`, {method: 'PUT', body: {scopes}}),
        `Members of ${m.group} now hold: ${scopes.join(', ') || 'no scope'}.`);
    });
    return h('tr', {'data-group': m.group}, td('Group', m.group), td('Scopes', form),
      td('Updated', time(m.updated_at), m.updated_by ? ` by ${m.updated_by}` : ''),
      td('Actions', confirmButton('Delete', `Confirm: delete the mapping of ${m.group}`, () => act(
        () => api(`/admin/auth/group-mappings/${enc(m.group)}`, {method: 'DELETE'}), `The mapping of ${m.group} is deleted: its members get no scope from it.`),
      {'data-action': 'delete', 'aria-label': `Delete the mapping of ${m.group}`})));
  });
  body.replaceChildren(
    h('section', {class: 'card'}, h('h2', {}, 'Group mappings'),
      h('p', {class: 'muted'}, 'Members of a directory (LDAP) or identity-provider (OIDC) group hold the scopes mapped to it, everywhere. ',
        'For rights on some namespaces only, grant them to the group on the ', h('a', {href: '#/admin/grants'}, 'Namespace grants'), ' page.'),
      status,
      rows.length ? table('Group mappings', ['Group', 'Scopes', 'Updated', 'Actions'], rows) : emptyState('No group mappings: groups grant no scope.')),
    h('section', {class: 'card'}, h('h2', {}, 'New mapping'), newMappingForm(body)));
}

function newMappingForm(body) {
  const group = field('Group name', {name: 'group', id: 'mapping-group', required: true, autocapitalize: 'none', placeholder: 'e.g. platform-team'},
    'As the directory or identity provider names it.');
  const status = h('div', {class: 'form-status'});
  const form = h('form', {id: 'mapping-form', novalidate: true}, group.wrap, mappingChecks('new-mapping', ['read']),
    h('button', {type: 'submit', class: 'btn btn-primary'}, 'Save mapping'), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = group.input.value.trim();
    group.setError(null);
    if (!name) {
      group.setError('Enter the group name.');
      group.input.focus();
      return;
    }
    const scopes = [...form.querySelectorAll('input[name=scopes]:checked')].map((x) => x.value);
    try {
      await api(`/admin/auth/group-mappings/${enc(name)}`, {method: 'PUT', body: {scopes}});
      await groupMappingsTab(body, notice('ok', `Members of ${name} now hold: ${scopes.join(', ') || 'no scope'}.`));
    } catch (e) {
      if (e.status !== 401) status.replaceChildren(notice('error', friendlyError(e)));
    }
  });
  return form;
}

// ---- events ------------------------------------------------------------------------------------------

const EVENT_TYPES = ['artifact.published', 'tag.updated', 'artifact.deleted', 'config.changed', 'gc.completed', 'grant.created', 'grant.deleted',
  'grant.*', 'auth.*', 'user.*'];

async function eventsTab(body, params, before = '', trail = []) {
  const filters = {type: params.get('type') || '', namespace: params.get('namespace') || '', actor: params.get('actor') || params.get('user') || '',
    from: params.get('from') || '', to: params.get('to') || ''};
  const count = 25;
  const type = field('Type', {name: 'type', value: filters.type, list: 'event-types', placeholder: 'e.g. artifact.published or grant.*'});
  const ns = field('Namespace', {name: 'namespace', value: filters.namespace, placeholder: 'e.g. my-team'},
    'Grant changes whose pattern covers it are included.');
  const user = field('User', {name: 'actor', value: filters.actor, placeholder: 'e.g. admin'});
  const from = field('From (UTC)', {type: 'date', name: 'from', id: 'events-from', value: filters.from});
  const to = field('Until (UTC, not included)', {type: 'date', name: 'to', id: 'events-to', value: filters.to});
  const form = h('form', {class: 'search-bar', id: 'events-filter', role: 'search', 'aria-label': 'Filter events'}, type.wrap, ns.wrap, user.wrap,
    from.wrap, to.wrap, h('datalist', {id: 'event-types'}, EVENT_TYPES.map((t) => h('option', {value: t}))),
    h('button', {type: 'submit', class: 'btn btn-primary'}, 'Filter'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/admin/events${query({type: type.input.value.trim(), namespace: ns.input.value.trim(), actor: user.input.value.trim(),
      from: from.input.value, to: to.input.value})}`;
  });
  let page;
  try {
    page = await api(`/admin/events${query({order: 'desc', limit: count, before, ...filters})}`);
  } catch (e) {
    if (e.status === 401) return;
    body.replaceChildren(h('section', {class: 'card'}, h('h2', {}, 'Recent events'), form, notice('error', friendlyError(e))));
    return;
  }
  const rows = page.events.map((e) => h('tr', {}, td('#', String(e.seq)), td('Type', h('code', {}, e.type)), td('At', time(e.at)),
    td('Details', h('dl', {class: 'facts compact'}, Object.entries(e.payload || {}).flatMap(([k, v]) => [h('dt', {}, k),
      h('dd', {}, /size|bytes/.test(k) && typeof v === 'number' ? formatBytes(v) : /(^at$|_at$)/.test(k) ? time(v) : typeof v === 'object' ? JSON.stringify(v) : String(v))])))));
  const pager = h('div', {class: 'pager'},
    trail.length ? h('button', {type: 'button', class: 'btn', id: 'events-newer', onclick: () => eventsTab(body, params, trail[trail.length - 1], trail.slice(0, -1))}, 'Newer') : null,
    page.next_cursor ? h('button', {type: 'button', class: 'btn', id: 'events-older', onclick: () => eventsTab(body, params, page.next_cursor, [...trail, before])}, 'Older') : null);
  const filtered = filters.type || filters.namespace || filters.actor || filters.from || filters.to;
  body.replaceChildren(h('section', {class: 'card'}, h('h2', {}, `Recent events (newest first, ${page.length.toLocaleString('en')} in all)`), form,
    rows.length ? table('Recent events', ['#', 'Type', 'At', 'Details'], rows)
      : emptyState(filtered ? 'No events match these filters.' : 'No events yet: publish an artifact or set a tag.'), pager));
}

// ---- store statistics --------------------------------------------------------------------------------

const STAT_LABELS = {map_size_bytes: 'Map size', used_bytes: 'Used', max_map_size_bytes: 'Largest map size', events: 'Events in the log', engine: 'Engine'};

async function storeTab(body) {
  const {stats, stores} = await api('/admin/store/stats');
  const facts = Object.entries(stats).filter(([, v]) => typeof v !== 'object').map(([k, v]) => h('tr', {},
    td('Statistic', STAT_LABELS[k] || k), td('Value', /bytes$/.test(k) ? formatBytes(v) : typeof v === 'number' ? v.toLocaleString('en') : String(v))));
  const entries = Object.entries(stats.entries || {}).map(([k, v]) => h('tr', {}, td('Statistic', `Entries in ${k}`), td('Value', Number(v).toLocaleString('en'))));
  body.replaceChildren(
    h('section', {class: 'card'}, h('h2', {}, 'Blob stores'),
      table('Blob stores', ['Blob store', 'Directory', 'Blobs', 'Stored'], (stores.blob_stores || []).map((s) => h('tr', {},
        td('Blob store', h('code', {}, s.name)), td('Directory', h('code', {}, s.root)),
        td('Blobs', s.blob_count === null ? '—' : Number(s.blob_count).toLocaleString('en')), td('Stored', formatBytes(s.bytes)))))),
    h('section', {class: 'card'}, h('h2', {}, 'Metadata store (LMDB)'), h('p', {}, 'Directory: ', h('code', {}, stores.metadata.root)),
      table('Store statistics', ['Statistic', 'Value'], [...facts, ...entries])));
}

// ---- garbage collection ------------------------------------------------------------------------------

async function gcTab(body, started = null, polls = 0) {
  const result = await api('/admin/gc/runs');
  const runs = [...(result.runs || [])];
  if (started && !runs.some((r) => r.id === started.id)) runs.unshift(started);
  const status = h('div', {class: 'form-status'});
  const start = (dryRun) => async () => {
    try {
      const run = await api('/admin/gc/runs', {method: 'POST', body: {dry_run: dryRun}});
      await gcTab(body, run.run);
      body.querySelector('.form-status').replaceChildren(notice('ok', `Started ${dryRun ? 'a dry run' : 'a collection'}: run ${run.run.id}.`));
    } catch (e) {
      if (e.status !== 401) status.replaceChildren(notice('error', errorText(e)));
    }
  };
  const summary = (run) => [['marked', 'marked'], ['swept', 'swept'], ['bytes_freed', 'freed'], ['artifacts_deleted', 'artifacts deleted'],
    ['artifacts_kept', 'artifacts kept'], ['errors', 'errors']]
    .filter(([k]) => run[k] !== undefined).map(([k, label]) => `${label}: ${k === 'bytes_freed' ? formatBytes(run[k]) : run[k]}`).join(', ');
  const rows = runs.map((run) => h('tr', {}, td('Run', h('code', {}, run.id)), td('State', run.state),
    td('Phase', run.phase || '—'), td('Dry run', run.dry_run ? 'yes' : 'no'),
    td('Trigger', `${run.trigger || '—'}${run.by ? ` by ${run.by}` : ''}`),
    td('Started', time(run.started)), td('Finished', time(run.finished)), td('Summary', summary(run))));
  const refresh = h('button', {type: 'button', class: 'btn', onclick: () => gcTab(body)}, 'Refresh');
  const schedule = result.schedule || {};
  const collect = confirmButton('Collect now', 'Confirm: delete unreferenced blobs now', start(false), {id: 'gc-collect'});
  collect.classList.remove('btn-small');
  body.replaceChildren(h('section', {class: 'card'}, h('h2', {}, 'Garbage collection'),
    h('p', {id: 'gc-schedule'}, h('strong', {}, 'Schedule: '), schedule.enabled === false ? 'Scheduled collection is off.' : rruleToText(schedule.rrule),
      schedule.next_run_at ? [' Next run: ', time(schedule.next_run_at), '.'] : null),
    h('p', {class: 'muted'}, 'A dry run only reports what a collection would delete. "Collect now" deletes blobs no artifact refers to, after asking once more.'),
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'btn', onclick: start(true)}, 'Start a dry run'), collect, refresh),
    status,
    rows.length ? table('Garbage collection runs', ['Run', 'State', 'Phase', 'Dry run', 'Trigger', 'Started', 'Finished', 'Summary'], rows)
      : emptyState('No garbage collection runs yet.')));
  const busy = runs.some((r) => r.state === 'running') || (started && !(result.runs || []).some((r) => r.id === started.id));
  if (busy && polls < 60) {
    setTimeout(() => {
      const message = body.querySelector('.form-status').cloneNode(true);
      if (body.isConnected && location.hash === '#/admin/gc') {
        gcTab(body, started, polls + 1).then(() => body.querySelector('.form-status').replaceWith(message)).catch(() => {});
      }
    }, 2000);
  }
}
