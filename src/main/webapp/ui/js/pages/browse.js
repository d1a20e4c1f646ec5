import {h, render, field, notice, emptyState, table, td} from '../dom.js';
import {friendlyError} from '../messages.js';
import {api, query, enc} from '../api.js';

const PAGE = 20;

/** Packages with a substring search, a namespace filter and cursor paging (#/?q=&namespace=&cursor=&back=). */
export async function browsePage({main, params, navigate}) {
  const q = params.get('q') || '';
  const namespace = params.get('namespace') || '';
  const cursor = params.get('cursor') || '';
  const trail = (params.get('trail') || '').split(',').filter(Boolean);

  const search = field('Search packages', {type: 'search', name: 'q', value: q, maxlength: '200', placeholder: 'e.g. app or acme/app'},
    'Matches any part of namespace/name.');
  const nsSelect = field('Namespace', {tag: 'select', name: 'namespace', options: [h('option', {value: ''}, 'All namespaces')]});
  const form = h('form', {class: 'search-bar', role: 'search'}, search.wrap, nsSelect.wrap,
    h('button', {type: 'submit', class: 'btn btn-primary'}, 'Search'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate(`#/${query({q: search.input.value.trim(), namespace: nsSelect.input.value})}`);
  });
  const results = h('section', {'aria-labelledby': 'results-heading'}, h('p', {class: 'muted'}, 'Loading…'));
  render(main, h('h1', {}, 'Packages'), form, results);

  api(`/v1/catalog/namespaces${query({limit: 100})}`).then((ns) => {
    for (const item of ns.namespaces) {
      nsSelect.input.append(h('option', {value: item.namespace, selected: item.namespace === namespace}, item.namespace));
    }
    if (namespace && !ns.namespaces.some((x) => x.namespace === namespace)) {
      nsSelect.input.append(h('option', {value: namespace, selected: true}, namespace));
    }
  }).catch(() => {});

  let page;
  try {
    page = await api(`/v1/catalog${query({q, namespace, limit: PAGE, cursor})}`);
  } catch (e) {
    if (e.status === 401) throw e;
    results.replaceChildren(notice('error', friendlyError(e)));
    return;
  }
  const heading = h('h2', {id: 'results-heading'}, q || namespace ? 'Search results' : 'All packages');
  if (page.packages.length === 0) {
    results.replaceChildren(heading, q || namespace
      ? emptyState(`No packages match${q ? ` “${q}”` : ''}${namespace ? ` in ${namespace}` : ''}.`,
        h('p', {}, h('a', {href: '#/'}, 'Show all packages')))
      : emptyState('No packages yet.', h('p', {}, 'Publish one from the ', h('a', {href: '#/publish'}, 'Publish'),
        ' page or with curl (see the README).')));
    if (page.next_cursor) results.append(pager(page.next_cursor));
    return;
  }
  const rows = page.packages.map((p) => {
    const href = `#/packages/${enc(p.namespace)}/${enc(p.name)}`;
    return h('tr', {},
      td('Package', h('a', {href, class: 'package-link'}, `${p.namespace}/${p.name}`)),
      td('Latest', p.latest ? h('span', {class: 'badge badge-latest'}, p.latest.version) : h('span', {class: 'muted'}, 'no release')),
      td('Versions', String(p.version_count)),
      td('Artifacts', String(p.artifact_count)));
  });
  results.replaceChildren(heading, table('Packages', ['Package', 'Latest', 'Versions', 'Artifacts'], rows), pager(page.next_cursor));

  function pager(next) {
    const nav = h('nav', {class: 'pager', 'aria-label': 'Pages'});
    if (cursor) {
      const previous = trail.slice(0, -1);
      nav.append(h('a', {class: 'btn', href: `#/${query({q, namespace, cursor: trail[trail.length - 1] || '', trail: previous.join(',')})}`}, '← Previous page'));
    }
    if (next) {
      nav.append(h('a', {class: 'btn', rel: 'next', href: `#/${query({q, namespace, cursor: next, trail: [...trail, cursor].join(',')})}`}, 'Next page →'));
    }
    return nav;
  }
}
