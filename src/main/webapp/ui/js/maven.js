import {h, commandBlock} from './dom.js';

// A Maven build's version of a snapshot (1.0-20261203.150405-7) depends on its base version (1.0-SNAPSHOT).
const TIMESTAMPED = /^(.*)-\d{8}\.\d{6}-\d+$/;

/**
 * Maven coordinates and dependency snippets for a package deployed through /maven/ (docs/maven.md): one that has
 * a `pom` variant. Returns null for other packages. `artifacts` are the catalog's rows, newest first.
 */
export function mavenSection(namespace, name, artifacts) {
  const poms = artifacts.filter((a) => a.variant === 'pom');
  if (poms.length === 0) return null;
  const release = poms.find((a) => !TIMESTAMPED.test(a.version) && !a.version.endsWith('-SNAPSHOT'));
  const chosen = release || poms[0];
  const match = TIMESTAMPED.exec(chosen.version);
  const version = match ? `${match[1]}-SNAPSHOT` : chosen.version;
  const repository = `${location.origin}/maven/${version.endsWith('-SNAPSHOT') ? 'snapshots' : 'releases'}`;
  return h('section', {class: 'card', id: 'maven', 'aria-labelledby': 'maven-heading'},
    h('h2', {id: 'maven-heading'}, 'Maven'),
    h('p', {}, 'Coordinates: ', h('code', {id: 'maven-coordinates'}, `${namespace}:${name}:${version}`),
      h('span', {class: 'muted'}, ` — repository ${repository} (see docs/maven.md for settings.xml)`)),
    commandBlock('Maven dependency', `<dependency>\n  <groupId>${namespace}</groupId>\n  <artifactId>${name}</artifactId>\n  <version>${version}</version>\n</dependency>`),
    commandBlock('Gradle dependency', `implementation("${namespace}:${name}:${version}")`));
}
