// The artifact naming rules, read from the server's own schema (GET /schema): the same normalizations
// (trim, lower, upper, replace:a:b) and constraint regexes the server applies, so the form says what the
// server would say before anything is sent.
import {api} from './api.js';
import {ruleProblem, describeRule} from './messages.js';

let cached = null;

export async function artifactRules() {
  if (!cached) {
    cached = api('/schema').then((schema) => new ArtifactRules(schema)).catch((e) => {
      cached = null;
      throw e;
    });
  }
  return cached;
}

export function forgetRules() {
  cached = null;
}

export class ArtifactRules {
  constructor(schema) {
    const entity = ((schema || {}).entities || {}).artifact || {fields: {}, constraints: []};
    this.fields = entity.fields || {};
    this.constraints = entity.constraints || [];
    const stores = ((schema || {}).storage || {}).blob_stores || {};
    const first = Object.values(stores)[0] || {};
    this.maxBlobBytes = (first.limits || {}).max_blob_bytes || null;
    this.minBlobBytes = (first.limits || {}).min_blob_bytes || 0;
  }

  normalize(field, value) {
    let out = value;
    for (const step of (this.fields[field] || {}).normalize || []) {
      if (step === 'trim') out = out.trim();
      else if (step === 'lower') out = out.toLowerCase();
      else if (step === 'upper') out = out.toUpperCase();
      else if (step.startsWith('replace:')) {
        const parts = step.split(':');
        if (parts.length >= 3) out = out.split(parts[1]).join(parts.slice(2).join(':'));
      }
    }
    return out;
  }

  /** What the field allows, in words, with an example (for the hint next to it). */
  describe(field) {
    const c = this.constraints.find((x) => x.field === field && x.regex);
    return c ? describeRule(field, c.regex) : '';
  }

  /** The error message for a normalized value, or null when the server would accept it. */
  check(field, value, required = true) {
    const optional = (this.fields[field] || {}).optional;
    if (value === '') {
      return required || !optional ? `${field.charAt(0).toUpperCase()}${field.slice(1)} is required.` : null;
    }
    for (const c of this.constraints) {
      if (c.field !== field || !c.regex) continue;
      if (!new RegExp(`^(?:${c.regex})$`).test(value)) {
        return ruleProblem(field, c.regex);
      }
    }
    return null;
  }
}

/** Digest as the server states it: sha256:<64 hex>, or null when the text is not a SHA-256 digest. */
export function parseDigest(text) {
  const value = (text || '').trim().toLowerCase();
  const m = /^(?:sha256:)?([a-f0-9]{64})$/.exec(value);
  return m ? m[1] : null;
}
