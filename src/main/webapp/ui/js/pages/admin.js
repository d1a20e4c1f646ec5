import {h, render, field, notice, emptyState, table, td, time, formatBytes} from '../dom.js';
import {api, query, enc} from '../api.js';
import {forgetRules} from '../rules.js';

const TABS = [
  ['config', 'Configuration'], ['users', 'Users'], ['events', 'Events'], ['store', 'Store'], ['gc', 'Garbage collection'],
];

/** Administration (admin scope): #/admin/config (default), users, events, store, gc. */
export async function adminPage({main, args}) {
  const tab = args[0] || 'config';
  const page = {config: configTab, users: usersTab, events: eventsTab, store: storeTab, gc: gcTab}[tab];
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
  return `${e.code}: ${e.message}`;
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
        td('Constraint', (entity.constraints || []).filter((c) => c.field === f.name).map((c) => h('code', {}, c.regex || JSON.stringify(c))))))))));
}

function storesCard(config) {
  return h('section', {class: 'card', 'aria-labelledby': 'stores-heading'}, h('h2', {id: 'stores-heading'}, 'Stores'),
    table('Blob stores', ['Blob store', 'Kind', 'Root', 'Addressing', 'Path template', 'Max blob'], (config.blob_stores || []).map((s) => h('tr', {},
      td('Blob store', h('code', {}, s.name)), td('Kind', s.kind), td('Root', h('code', {}, s.root)), td('Addressing', s.addressing_mode),
      td('Path template', h('code', {}, s.path_template)), td('Max blob', formatBytes(s.max_blob_bytes))))),
    table('Key-value stores', ['KV store', 'Kind', 'Root'], (config.kv_stores || []).map((s) => h('tr', {},
      td('KV store', h('code', {}, s.name)), td('Kind', s.kind), td('Root', h('code', {}, s.root))))),
    h('h3', {}, 'Caching'),
    h('dl', {class: 'facts'}, Object.entries(config.caching || {}).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))])));
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

async function usersTab(body, cursor = null) {
  const page = await api(`/admin/users${query({limit: 50, cursor})}`);
  const rows = page.users.map((u) => h('tr', {}, td('User', u.username), td('Scopes', (u.scopes || []).join(', ')),
    td('Enabled', u.enabled ? 'yes' : h('strong', {}, 'disabled')), td('Created', time(u.created_at)), td('Updated', time(u.updated_at))));
  const username = field('User name', {name: 'username', required: true, autocapitalize: 'none'});
  const password = field('Initial password', {type: 'password', name: 'password', autocomplete: 'new-password', required: true},
    'At least 12 characters, not containing the user name.');
  const scopes = ['read', 'write', 'admin'].map((s) => h('span', {class: 'check'},
    h('input', {type: 'checkbox', id: `new-user-${s}`, name: 'scopes', value: s, checked: s === 'read'}), h('label', {for: `new-user-${s}`}, s)));
  const status = h('div', {class: 'form-status'});
  const form = h('form', {id: 'user-form', novalidate: true}, username.wrap, password.wrap,
    h('fieldset', {}, h('legend', {}, 'Scopes'), scopes), h('button', {type: 'submit', class: 'btn btn-primary'}, 'Create user'), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('/admin/users', {method: 'POST', body: {username: username.input.value.trim(), password: password.input.value,
        scopes: [...form.querySelectorAll('input[name=scopes]:checked')].map((x) => x.value)}});
      await usersTab(body);
      body.querySelector('#user-form .form-status').replaceChildren(notice('ok', 'User created.'));
    } catch (e) {
      if (e.status !== 401) status.replaceChildren(notice('error', errorText(e)));
    }
  });
  const more = page.next_cursor ? h('button', {type: 'button', class: 'btn'}, 'Next page →') : null;
  if (more) more.addEventListener('click', () => usersTab(body, page.next_cursor));
  body.replaceChildren(
    h('section', {class: 'card'}, h('h2', {}, 'Users'),
      rows.length ? table('Users', ['User', 'Scopes', 'Enabled', 'Created', 'Updated'], rows) : emptyState('No users.'),
      h('div', {class: 'pager'}, cursor ? h('a', {class: 'btn', href: '#/admin/users'}, 'First page') : null, more)),
    h('section', {class: 'card'}, h('h2', {}, 'New user'), form));
}

// ---- events ------------------------------------------------------------------------------------------

async function eventsTab(body) {
  const count = 50;
  const head = await api('/admin/events?limit=1');
  const after = Math.max(0, Number(head.length || 0) - count);
  const page = await api(`/admin/events${query({after, limit: count})}`);
  const events = [...page.events].reverse();
  const rows = events.map((e) => h('tr', {}, td('#', String(e.seq)), td('Type', h('code', {}, e.type)), td('At', time(e.at)),
    td('Details', h('code', {class: 'json-inline'}, JSON.stringify(e.payload)))));
  body.replaceChildren(h('section', {class: 'card'}, h('h2', {}, `Recent events (newest first, ${head.length} in all)`),
    rows.length ? table('Recent events', ['#', 'Type', 'At', 'Details'], rows) : emptyState('No events yet: publish an artifact or set a tag.')));
}

// ---- store statistics --------------------------------------------------------------------------------

async function storeTab(body) {
  const {stats} = await api('/admin/store/stats');
  const flat = [];
  const walk = (prefix, value) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) Object.entries(value).forEach(([k, v]) => walk(prefix ? `${prefix}.${k}` : k, v));
    else flat.push([prefix, value]);
  };
  walk('', stats);
  body.replaceChildren(h('section', {class: 'card'}, h('h2', {}, 'Metadata store (LMDB)'),
    flat.length ? table('Store statistics', ['Statistic', 'Value'], flat.map(([k, v]) => h('tr', {},
      td('Statistic', h('code', {}, k)), td('Value', /bytes$/.test(k) && typeof v === 'number' ? `${formatBytes(v)} (${v})` : JSON.stringify(v)))))
      : emptyState('No statistics.')));
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
  const summary = (run) => ['marked', 'swept', 'bytes_freed', 'artifacts_deleted', 'artifacts_kept', 'errors']
    .filter((k) => run[k] !== undefined).map((k) => `${k}: ${k === 'bytes_freed' ? formatBytes(run[k]) : run[k]}`).join(', ');
  const rows = runs.map((run) => h('tr', {}, td('Run', h('code', {}, run.id)), td('State', run.state),
    td('Phase', run.phase || '—'), td('Dry run', run.dry_run ? 'yes' : 'no'),
    td('Trigger', `${run.trigger || '—'}${run.by ? ` by ${run.by}` : ''}`),
    td('Started', time(run.started)), td('Finished', time(run.finished)), td('Summary', summary(run))));
  const refresh = h('button', {type: 'button', class: 'btn', onclick: () => gcTab(body)}, 'Refresh');
  body.replaceChildren(h('section', {class: 'card'}, h('h2', {}, 'Garbage collection'),
    h('p', {}, 'Schedule: ', h('code', {}, JSON.stringify(result.schedule))),
    h('div', {class: 'actions'},
      h('button', {type: 'button', class: 'btn', onclick: start(true)}, 'Start a dry run'),
      h('button', {type: 'button', class: 'btn btn-danger', onclick: start(false)}, 'Collect now'), refresh),
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
