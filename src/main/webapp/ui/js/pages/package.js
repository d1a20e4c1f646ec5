import {h, render, field, notice, emptyState, td, time, formatBytes, formatTime, commandBlock, copyButton} from '../dom.js';
import {api, query, enc, session} from '../api.js';
import {artifactRules} from '../rules.js';
import {friendlyError} from '../messages.js';
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
    render(main, h('p', {class: 'crumbs'}, h('a', {href: '#/'}, 'Packages')),
      h('h1', {}, e.status === 404 ? 'Package not found' : title),
      e.status === 404 ? emptyState(`There is no package ${title}.`,
        h('p', {}, 'Check the spelling, or ', h('a', {href: '#/'}, 'search the package list'), '.'))
        : notice('error', friendlyError(e)));
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
    const label = `${a.version}${a.variant ? ` (${a.variant})` : ''}`;
    const select = h('button', {type: 'button', class: 'btn btn-small', 'aria-pressed': 'false', 'aria-label': `Commands for ${label}`}, 'Commands');
    select.addEventListener('click', () => showCommands(a, select));
    const download = h('button', {type: 'button', class: 'btn btn-small btn-primary download', 'aria-label': `Download ${label}`}, 'Download');
    download.addEventListener('click', () => downloadFile(a, download));
    return h('tr', {'data-version': a.version, 'data-variant': a.variant},
      td('Version', h('span', {class: 'version'}, a.version),
        isPrerelease(a.version) ? h('span', {class: 'badge badge-pre'}, 'prerelease') : null,
        isLatest(a) ? h('span', {class: 'badge badge-latest'}, 'latest') : null),
      td('Variant', a.variant || '—'),
      td('Size', h('span', {class: 'nowrap'}, formatBytes(a.blob_size))),
      td('Digest', h('code', {class: 'digest', title: a.blob_digest}, shortDigest(a.blob_digest)), ' ', copyButton(a.blob_digest, 'Copy digest')),
      td('Published', time(a.created_at), a.created_by ? h('span', {class: 'muted'}, ` by ${a.created_by}`) : null),
      td('Tags', tagsOf(a).map((t) => h('span', {class: 'badge'}, t.tag))),
      td('Actions', h('span', {class: 'row-actions'}, download, select)));
  }

  /** Mints a short-lived signed link (POST /downloads) and lets the browser save the file from it. */
  async function downloadFile(a, button) {
    button.disabled = true;
    try {
      const link = await api('/downloads', {method: 'POST', body: {namespace, name, version: a.version, variant: a.variant || ''}});
      const anchor = h('a', {href: link.url, download: link.file_name, hidden: true});
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      showCommands(a, null, link);
    } catch (e) {
      if (e.status !== 401) commands.replaceChildren(notice('error', `Could not prepare the download: ${friendlyError(e)}`));
    } finally {
      button.disabled = false;
    }
  }

  function showCommands(a, button, link = null) {
    selected = a;
    tbody.querySelectorAll('button[aria-pressed="true"]').forEach((b) => b.setAttribute('aria-pressed', 'false'));
    if (button) button.setAttribute('aria-pressed', 'true');
    const url = `${location.origin}/v1/${enc(namespace)}/${enc(name)}/${enc(a.version)}/${enc(a.variant)}/blob`;
    const file = `${name}-${a.version}${a.variant ? `-${a.variant}` : ''}`;
    const hex = (a.blob_digest || '').replace(/^sha256:/, '');
    commands.replaceChildren(...[
      h('h2', {id: 'commands-heading'}, `Download ${a.version}${a.variant ? ` (${a.variant})` : ''}`),
      h('p', {class: 'muted'}, 'Set TOKEN to a session or API token with the read scope (create one on the Account page).'),
      commandBlock('Download', `curl -fSL -H "Authorization: Bearer $TOKEN" -o ${file} ${url}`),
      commandBlock('Verify the SHA-256', `echo "${hex}  ${file}" | sha256sum -c -`),
      link ? commandBlock(`Signed link, no token needed, valid until ${formatTime(link.expires_at)}`,
        `curl -fSL -o ${link.file_name} '${location.origin}${link.url}'`) : null,
      latest ? commandBlock('Latest release', `curl -fsS -H "Authorization: Bearer $TOKEN" ${location.origin}/v1/${enc(namespace)}/${enc(name)}/latest`)
        : h('p', {class: 'muted', id: 'no-latest'}, 'There is no "latest release" command: this package has only prereleases so far.')].filter(Boolean));
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
        more.replaceChildren(notice('error', friendlyError(e)));
      }
    });
    more.append(button);
  }

  function renderTags() {
    const tagField = field('Tag', {name: 'tag', required: true, placeholder: 'e.g. stable'},
      'Lowercase letters, digits, “.”, “_” or “-”, for example stable.');
    // the latest release is the usual target, so it is preselected
    const preferred = Math.max(0, artifacts.findIndex(isLatest));
    const options = artifacts.map((a, i) => h('option', {value: String(i), selected: i === preferred},
      `${a.version} (${a.variant || 'no variant'})${isLatest(a) ? ' — latest' : ''}`));
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
        status.replaceChildren(notice('error', friendlyError(e)));
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
      h('div', {class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Versions table'},
        h('table', {id: 'versions'},
          h('thead', {}, h('tr', {}, ['Version', 'Variant', 'Size', 'Digest', 'Published', 'Tags', 'Actions'].map((x) => h('th', {scope: 'col'}, x)))),
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

/** A semantic-version prerelease (1.2.0-rc.1): anything after a "-" before any "+" build metadata. */
function isPrerelease(version) {
  return /^[^+]*-/.test(version || '');
}

function shortDigest(digest) {
  const hex = (digest || '').replace(/^sha256:/, '');
  return hex ? `sha256:${hex.slice(0, 12)}…` : '—';
}

