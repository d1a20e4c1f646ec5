import {h, render, field, notice, emptyState, td, time, formatBytes, commandBlock, copyButton} from '../dom.js';
import {api, query, enc, session} from '../api.js';
import {artifactRules} from '../rules.js';
import {mavenSection} from '../maven.js';

const PAGE = 50;

/** One package: its artifacts newest first, tags, latest, download/verify commands and a tag form. */
export async function packagePage({main, args}) {
  const [namespace, name] = args;
  const title = `${namespace}/${name}`;
  let detail;
  try {
    detail = await api(`/v1/catalog/package${query({namespace, name, limit: PAGE})}`);
  } catch (e) {
    if (e.status === 401) throw e;
    render(main, h('p', {class: 'crumbs'}, h('a', {href: '#/'}, 'Packages')), h('h1', {}, title),
      e.status === 404 ? emptyState('This package has no artifacts.', h('p', {}, h('a', {href: '#/'}, 'Back to the package list')))
        : notice('error', e.message));
    return;
  }
  const artifacts = [...detail.artifacts];
  const latest = detail.latest;
  const commands = h('section', {class: 'card', 'aria-labelledby': 'commands-heading'});
  const tbody = h('tbody');
  const more = h('div', {class: 'pager'});
  const tagsSection = h('section', {class: 'card', 'aria-labelledby': 'tags-heading'});
  let selected = null;

  const isLatest = (a) => latest && a.version === latest.version && a.variant === latest.variant;
  const tagsOf = (a) => detail.tags.filter((t) => t.target_version === a.version && t.target_variant === a.variant);

  function row(a) {
    const select = h('button', {type: 'button', class: 'btn btn-small', 'aria-pressed': 'false'}, 'Commands');
    select.addEventListener('click', () => showCommands(a, select));
    return h('tr', {'data-version': a.version, 'data-variant': a.variant},
      td('Version', h('span', {class: 'version'}, a.version), isLatest(a) ? h('span', {class: 'badge badge-latest'}, 'latest') : null),
      td('Variant', a.variant || '—'),
      td('Size', formatBytes(a.blob_size)),
      td('Digest', h('code', {class: 'digest', title: a.blob_digest}, shortDigest(a.blob_digest)), ' ', copyButton(a.blob_digest, 'Copy digest')),
      td('Published', time(a.created_at), a.created_by ? h('span', {class: 'muted'}, ` by ${a.created_by}`) : null),
      td('Tags', tagsOf(a).map((t) => h('span', {class: 'badge'}, t.tag))),
      td('', select));
  }

  function showCommands(a, button) {
    selected = a;
    tbody.querySelectorAll('button[aria-pressed="true"]').forEach((b) => b.setAttribute('aria-pressed', 'false'));
    if (button) button.setAttribute('aria-pressed', 'true');
    const url = `${location.origin}/v1/${enc(namespace)}/${enc(name)}/${enc(a.version)}/${enc(a.variant)}/blob`;
    const file = `${name}-${a.version}${a.variant ? `-${a.variant}` : ''}`;
    const hex = (a.blob_digest || '').replace(/^sha256:/, '');
    commands.replaceChildren(
      h('h2', {id: 'commands-heading'}, `Download ${a.version}${a.variant ? ` (${a.variant})` : ''}`),
      h('p', {class: 'muted'}, 'Set TOKEN to a session or API token with the read scope (create one on the Account page).'),
      commandBlock('Download', `curl -fSL -H "Authorization: Bearer $TOKEN" -o ${file} ${url}`),
      commandBlock('Verify the SHA-256', `echo "${hex}  ${file}" | sha256sum -c -`),
      commandBlock('Latest release', `curl -fsS -H "Authorization: Bearer $TOKEN" ${location.origin}/v1/${enc(namespace)}/${enc(name)}/latest`));
    if (button) commands.querySelector('h2').scrollIntoView({block: 'nearest'});
  }

  function renderRows() {
    tbody.replaceChildren(...artifacts.map(row));
  }

  function renderMore(cursor) {
    more.replaceChildren();
    if (!cursor) return;
    const button = h('button', {type: 'button', class: 'btn'}, 'Show older versions');
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const next = await api(`/v1/catalog/package${query({namespace, name, limit: PAGE, cursor})}`);
        artifacts.push(...next.artifacts);
        renderRows();
        renderMore(next.next_cursor);
      } catch (e) {
        more.replaceChildren(notice('error', e.message));
      }
    });
    more.append(button);
  }

  function renderTags() {
    const tagField = field('Tag', {name: 'tag', required: true, placeholder: 'e.g. stable'});
    const options = artifacts.map((a, i) => h('option', {value: String(i)}, `${a.version} (${a.variant || 'no variant'})`));
    const target = field('Points to', {tag: 'select', name: 'target', options});
    const status = h('div', {class: 'form-status'});
    const form = h('form', {id: 'tag-form', class: 'inline-form', novalidate: true}, tagField.wrap, target.wrap,
      h('button', {type: 'submit', class: 'btn btn-primary'}, 'Set tag'), status);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const rules = await artifactRules();
      const tag = rules.normalize('tag', tagField.input.value);
      const problem = rules.check('tag', tag);
      if (problem) {
        tagField.setError(problem);
        tagField.input.focus();
        return;
      }
      tagField.setError(null);
      const a = artifacts[Number(target.input.value)];
      try {
        await api(`/v1/${enc(namespace)}/${enc(name)}/tags/${enc(tag)}`, {method: 'PUT',
          body: {target_version: a.version, target_variant: a.variant}});
        const fresh = await api(`/v1/catalog/package${query({namespace, name, limit: 1})}`);
        detail.tags = fresh.tags;
        renderRows();
        renderTags();
        tagsSection.querySelector('.form-status').replaceChildren(notice('ok', `Tag ${tag} now points to ${a.version} (${a.variant}).`));
      } catch (e) {
        if (e.status === 401) return;
        status.replaceChildren(notice('error', `${e.code}: ${e.message}`));
      }
    });
    const list = detail.tags.length === 0
      ? emptyState('No tags yet.')
      : h('ul', {class: 'tag-list'}, detail.tags.map((t) => h('li', {},
        h('span', {class: 'badge'}, t.tag), ` → ${t.target_version} (${t.target_variant}) `,
        h('span', {class: 'muted'}, 'updated ', time(t.updated_at), t.updated_by ? ` by ${t.updated_by}` : ''))));
    tagsSection.replaceChildren(h('h2', {id: 'tags-heading'}, 'Tags'), list,
      session.hasScope('write') ? form : h('p', {class: 'muted'}, 'Setting tags needs the write scope.'));
  }

  render(main,
    h('p', {class: 'crumbs'}, h('a', {href: '#/'}, 'Packages'), ' / ', h('a', {href: `#/${query({namespace})}`}, namespace)),
    h('h1', {}, title),
    h('p', {class: 'summary'}, latest ? ['Latest release: ', h('strong', {id: 'latest-version'}, latest.version)] : 'No release yet (only prereleases).'),
    h('section', {'aria-labelledby': 'versions-heading'},
      h('h2', {id: 'versions-heading'}, 'Versions'),
      h('div', {class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Versions'},
        h('table', {id: 'versions'},
          h('thead', {}, h('tr', {}, ['Version', 'Variant', 'Size', 'Digest', 'Published', 'Tags', ''].map((x) => h('th', {scope: 'col'}, x)))),
          tbody)),
      more),
    mavenSection(namespace, name, artifacts),
    commands,
    tagsSection);
  renderRows();
  renderMore(detail.next_cursor);
  renderTags();
  showCommands(artifacts.find(isLatest) || artifacts[0], null);
}

function shortDigest(digest) {
  const hex = (digest || '').replace(/^sha256:/, '');
  return hex ? `sha256:${hex.slice(0, 12)}…` : '—';
}

