import {h, render, field, notice, formatBytes} from '../dom.js';
import {session, enc} from '../api.js';
import {artifactRules, parseDigest} from '../rules.js';
import {sha256OfBlob} from '../sha256.js';
import {friendlyError} from '../messages.js';
import {tusUpload} from '../tus-upload.js';

/**
 * Publish: the file's SHA-256 is computed here, slice by slice (a Web Worker when available), then the file is
 * sent as a resumable tus upload (slices of the File, streamed from disk) stating digest sha256:<hex>, so the
 * server stores it only if the bytes it received hash to the same value, and a network drop resumes.
 */
export async function publishPage({main, params}) {
  const rules = await artifactRules();
  const file = field('File', {type: 'file', name: 'file', required: true});
  const namespace = field('Namespace', {name: 'namespace', required: true, value: params.get('namespace') || '', autocapitalize: 'none', placeholder: 'e.g. my-team'},
    rules.describe('namespace'));
  const name = field('Name', {name: 'name', required: true, value: params.get('name') || '', autocapitalize: 'none', placeholder: 'e.g. my-app'},
    rules.describe('name'));
  const version = field('Version', {name: 'version', required: true, placeholder: 'e.g. 1.2.3', autocapitalize: 'none'}, rules.describe('version'));
  const variant = field('Variant', {name: 'variant', required: true, placeholder: 'e.g. linux-amd64', autocapitalize: 'none'}, rules.describe('variant'));
  const expected = field('Expected SHA-256 (optional)', {name: 'expected', placeholder: 'sha256:…', autocapitalize: 'none', spellcheck: 'false'},
    'If the file comes with a published checksum, paste it: the server then stores the upload only if the bytes it receives match it.');
  const inputs = {namespace, name, version, variant};
  const hashBar = progress('hash-progress', 'Computing SHA-256 in your browser');
  const uploadBar = progress('upload-progress', 'Uploading');
  const status = h('div', {id: 'publish-status', class: 'form-status', 'aria-live': 'polite'});
  const submit = h('button', {type: 'submit', class: 'btn btn-primary', id: 'publish-button'}, 'Publish');
  const cancel = h('button', {type: 'button', class: 'btn', hidden: true}, 'Cancel');
  const form = h('form', {class: 'card', id: 'publish-form', novalidate: true},
    file.wrap,
    h('div', {class: 'grid-2'}, namespace.wrap, name.wrap, version.wrap, variant.wrap),
    expected.wrap,
    h('div', {class: 'actions'}, submit, cancel),
    hashBar.wrap, uploadBar.wrap, status);
  const limits = rules.maxBlobBytes ? `Files up to ${formatBytes(rules.maxBlobBytes)}.` : '';
  render(main, h('h1', {}, 'Publish an artifact'),
    h('p', {class: 'muted'}, `Artifacts are immutable: namespace/name/version/variant can be published once. ${limits}`),
    form);

  let hashed = null; // {file, digest} of the last hash, reused by a retry of the same file
  let xhr = null;
  let abort = null;

  for (const [key, f] of Object.entries(inputs)) {
    f.input.addEventListener('blur', () => validateField(key, f));
    // the name the server will store, shown while typing (My_App → my-app)
    const preview = h('p', {class: 'normalized', id: `${f.input.id}-normalized`, 'aria-live': 'polite', hidden: true});
    f.error.before(preview);
    f.input.setAttribute('aria-describedby', `${f.input.getAttribute('aria-describedby')} ${preview.id}`);
    f.input.addEventListener('input', () => {
      const value = rules.normalize(key, f.input.value);
      preview.hidden = !f.input.value || value === f.input.value;
      preview.textContent = preview.hidden ? '' : `Will be stored as “${value}”.`;
    });
  }
  file.input.addEventListener('change', () => {
    hashed = null;
    file.setError(null);
  });
  cancel.addEventListener('click', () => {
    if (xhr) xhr.abort();
    if (abort) abort.abort();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    publish();
  });

  function validateField(key, f) {
    const value = rules.normalize(key, f.input.value);
    const problem = rules.check(key, value);
    f.setError(problem);
    return problem ? null : value;
  }

  function validate() {
    const values = {};
    let firstBad = null;
    for (const [key, f] of Object.entries(inputs)) {
      values[key] = validateField(key, f);
      if (values[key] === null && !firstBad) firstBad = f.input;
    }
    const chosen = file.input.files[0];
    if (!chosen) {
      file.setError('Choose a file to publish');
      firstBad = firstBad || file.input;
    } else if (rules.maxBlobBytes && chosen.size > rules.maxBlobBytes) {
      file.setError(`The file is ${formatBytes(chosen.size)}; the largest allowed is ${formatBytes(rules.maxBlobBytes)}`);
      firstBad = firstBad || file.input;
    } else if (chosen.size < rules.minBlobBytes) {
      file.setError(`The file must be at least ${rules.minBlobBytes} bytes`);
      firstBad = firstBad || file.input;
    } else {
      file.setError(null);
    }
    const stated = expected.input.value.trim();
    if (stated && !parseDigest(stated)) {
      expected.setError('A SHA-256 digest is 64 hex characters, optionally after "sha256:"');
      firstBad = firstBad || expected.input;
    } else {
      expected.setError(null);
    }
    if (firstBad) {
      firstBad.focus();
      return null;
    }
    return {...values, file: chosen, expected: stated ? parseDigest(stated) : null};
  }

  async function publish() {
    const job = validate();
    if (!job) {
      status.replaceChildren(notice('error', 'Please fix the fields marked above.'));
      return;
    }
    submit.disabled = true;
    cancel.hidden = false;
    status.replaceChildren();
    uploadBar.set(0, job.file.size, false);
    try {
      let digest;
      if (hashed && hashed.file === job.file && hashed.size === job.file.size && hashed.modified === job.file.lastModified) {
        digest = hashed.digest;
        hashBar.set(job.file.size, job.file.size, true);
      } else {
        digest = await hashFile(job.file);
        hashed = {file: job.file, size: job.file.size, modified: job.file.lastModified, digest};
      }
      status.replaceChildren(notice('info', h('span', {}, 'SHA-256 computed in your browser: '), h('code', {id: 'local-digest'}, `sha256:${digest}`)));
      const sent = job.expected || digest;
      const result = await upload(job, sent);
      const serverHex = String(result.digest || '').replace(/^sha256:/, '');
      const href = `#/packages/${enc(job.namespace)}/${enc(job.name)}`;
      status.replaceChildren(serverHex === digest
        ? notice('ok', h('strong', {}, 'Published and verified. '),
          `The server stored ${formatBytes(result.size)} with digest `, h('code', {id: 'server-digest'}, `sha256:${serverHex}`),
          ', which matches the SHA-256 computed in your browser. ',
          h('a', {href, id: 'published-link'}, `Open ${job.namespace}/${job.name}`))
        : notice('warn', 'Published, but the server reports digest ', h('code', {id: 'server-digest'}, `sha256:${serverHex}`),
          ` while your browser computed sha256:${digest}.`));
    } catch (e) {
      failed(e, job);
    } finally {
      submit.disabled = false;
      cancel.hidden = true;
      xhr = null;
      abort = null;
    }
  }

  function failed(e, job) {
    if (e.status === 401) return; // the session has ended; the app shows the login page
    let message;
    if (e.name === 'AbortError' || e.code === 'ABORTED') message = 'Cancelled. Nothing was stored.';
    else if (e.code === 'DIGEST_MISMATCH') {
      message = h('span', {}, h('strong', {}, 'Refused: digest mismatch. '),
        `The server received bytes whose SHA-256 differs from the expected sha256:${job.expected || hashed?.digest}; nothing was stored. `,
        job.expected && hashed && job.expected !== hashed.digest
          ? `Your browser computed sha256:${hashed.digest} for this file: check that the expected digest belongs to it.`
          : 'The file may have changed while it was uploaded: try again.');
    } else if (e.code === 'ALREADY_EXISTS') {
      message = `${job.namespace}/${job.name} ${job.version} (${job.variant}) is already published, and artifacts are immutable. Choose another version.`;
    } else {
      message = friendlyError(e);
    }
    const retry = h('button', {type: 'button', class: 'btn', id: 'retry-button'}, 'Retry');
    retry.addEventListener('click', () => publish());
    status.replaceChildren(notice('error', message, ' ', retry));
  }

  function hashFile(f) {
    hashBar.set(0, f.size, false);
    const onProgress = (done, total) => hashBar.set(done, total, done === total);
    if (typeof Worker === 'function') {
      return new Promise((resolve, reject) => {
        let worker;
        try {
          worker = new Worker(new URL('../hash-worker.js', import.meta.url), {type: 'module'});
        } catch (err) {
          resolve(sha256OfBlob(f, onProgress));
          return;
        }
        abort = {abort: () => {
          worker.terminate();
          reject(Object.assign(new Error('Hashing cancelled'), {name: 'AbortError'}));
        }};
        worker.addEventListener('message', (event) => {
          if (event.data.progress) onProgress(...event.data.progress);
          if (event.data.digest) {
            worker.terminate();
            resolve(event.data.digest);
          }
          if (event.data.error) {
            worker.terminate();
            reject(new Error(event.data.error));
          }
        });
        worker.addEventListener('error', () => {
          worker.terminate();
          resolve(sha256OfBlob(f, onProgress));
        });
        worker.postMessage({file: f});
      });
    }
    const controller = new AbortController();
    abort = controller;
    return sha256OfBlob(f, onProgress, controller.signal);
  }

  /** Sends the file by tus (js/tus-upload.js): a dropped connection resumes where the server's bytes end. */
  function upload(job, hex) {
    let note = null;
    const say = (text) => {
      if (!note) {
        note = h('p', {id: 'upload-resume-status', class: 'muted'});
        status.append(note);
      }
      note.textContent = text;
    };
    const target = {namespace: job.namespace, name: job.name, version: job.version, variant: job.variant};
    const running = tusUpload({file: job.file, target, digest: `sha256:${hex}`, token: () => session.token,
      onProgress: (done, total) => uploadBar.set(done, total, false),
      onRetry: (attempt, error) => say(`Connection problem (${error.message}); retrying (attempt ${attempt})…`),
      onResumed: (at) => say(`Resumed at ${formatBytes(at)} of ${formatBytes(job.file.size)}: only the rest is sent again.`)});
    abort = running; // Cancel stops the request in flight and ends the upload on the server
    return running.promise.then((result) => {
      uploadBar.set(job.file.size, job.file.size, true);
      return result;
    }, (error) => {
      if (error.status === 401) session.clear('expired');
      throw error;
    });
  }
}

function progress(id, label) {
  const bar = h('progress', {id, max: '100', value: '0', 'aria-labelledby': `${id}-label`});
  const text = h('span', {class: 'progress-text'});
  const wrap = h('div', {class: 'progress', hidden: true},
    h('span', {id: `${id}-label`}, label), bar, text);
  return {
    wrap,
    set(done, total, complete) {
      wrap.hidden = false;
      const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
      bar.value = complete ? 100 : Math.min(pct, 99);
      text.textContent = complete ? `${formatBytes(total)} — done` : `${formatBytes(done)} of ${formatBytes(total)} (${pct}%)`;
    },
  };
}
