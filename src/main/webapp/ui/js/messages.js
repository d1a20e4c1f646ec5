// Messages a person can read: the schema's constraint regexes and the server's error codes are turned into
// sentences that say what is allowed, with an example. No regex or code is ever put in front of a user.

export const EXAMPLES = {
  namespace: 'my-team', name: 'my-app', version: '1.2.3', variant: 'linux-amd64', tag: 'stable', digest: 'sha256:9f86d0…',
};

const LABELS = {namespace: 'Namespace', name: 'Name', version: 'Version', variant: 'Variant', tag: 'Tag', digest: 'Digest'};

/** "a-z0-9._-" (a character class body) in words: "lowercase letters, digits, “.”, “_” or “-”". */
function classInWords(body) {
  const parts = [];
  let rest = body;
  const take = (range, words) => {
    if (rest.includes(range)) {
      rest = rest.replace(range, '');
      parts.push(words);
    }
  };
  take('A-Za-z', 'letters');
  take('a-zA-Z', 'letters');
  take('a-z', 'lowercase letters');
  take('A-Z', 'capital letters');
  take('0-9', 'digits');
  take('a-f', 'the letters a to f');
  rest.replace(/\\(.)/g, '$1').split('').forEach((c) => parts.push(`“${c}”`));
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

function singular(words) {
  return words.replace('lowercase letters', 'lowercase letter').replace('capital letters', 'capital letter')
    .replace(/^letters/, 'letter').replace(/ letters/, ' letter').replace('digits', 'digit');
}

/**
 * What a constraint allows, in words, for the common shape ^[first][rest]{0,n}$; anything else gets a general
 * sentence. Always ends with an example.
 */
export function describeRule(field, regex) {
  const example = EXAMPLES[field] ? ` For example: ${EXAMPLES[field]}` : '';
  const m = /^\^?\[([^\]]+)\]\[([^\]]+)\]\{0,(\d+)\}\$?$/.exec(regex || '');
  if (m) {
    return `Start with a ${singular(classInWords(m[1]))}, then use ${classInWords(m[2])}; at most ${Number(m[3]) + 1} characters.${example}`;
  }
  return `Use the form shown in the example.${example}`;
}

/** The message for a value the field's rule refuses. */
export function ruleProblem(field, regex) {
  return `${LABELS[field] || field} is not allowed as written. ${describeRule(field, regex)}`;
}

/** An error from the API as a sentence: no code, no regex, no "(rule: …)". */
export function friendlyError(e) {
  if (!e) return 'Something went wrong.';
  const message = String(e.message || '');
  const rule = /Invalid (\w+): must match (.+)$/.exec(message);
  if (rule) return ruleProblem(rule[1], rule[2]);
  if (/must not be empty/.test(message)) return message.replace(/^Field (\w+) must not be empty/, (x, f) => `${LABELS[f] || f} is required.`);
  if (e.code === 'WEAK_PASSWORD') return weakPassword(message);
  if (e.status === 0) return 'The server could not be reached. Check your connection and try again.';
  if (e.status === 403) return 'You are not allowed to do this (your account lacks the needed scope).';
  if (e.status === 429) return 'Too many attempts. Wait a minute and try again.';
  if (e.status >= 500) return `The server failed to do this (${message.replace(/[.]$/, '')}). Try again later.`;
  return message.replace(/\s*\(rule: [^)]*\)\s*$/, '').replace(/^[A-Z_]+: /, '');
}

function weakPassword(message) {
  const text = message.replace(/\s*\(rule: [^)]*\)\s*$/, '').replace(/[.]?$/, '.');
  return `${text} A good password is long and unusual, for example four unrelated words.`;
}
