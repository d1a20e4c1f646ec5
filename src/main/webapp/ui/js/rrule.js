// A recurrence rule (RFC 5545 RRULE, as the GC schedule uses) as an English sentence. Covers FREQ, INTERVAL,
// BYDAY, BYMONTHDAY, BYHOUR, BYMINUTE; anything else is mentioned rather than guessed at.

const DAYS = {MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday'};
const UNITS = {SECONDLY: 'second', MINUTELY: 'minute', HOURLY: 'hour', DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year'};

function list(items) {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function pad(n) {
  return String(n).padStart(2, '0');
}

export function rruleToText(rrule) {
  if (!rrule) return 'Never (no schedule is set).';
  const parts = Object.fromEntries(String(rrule).replace(/^RRULE:/i, '').split(';').filter(Boolean)
    .map((p) => p.split('=')).map(([k, v]) => [k.toUpperCase(), v || '']));
  const unit = UNITS[parts.FREQ];
  if (!unit) return `On a custom schedule (${rrule}).`;
  const interval = Number(parts.INTERVAL || 1);
  let text = interval > 1 ? `Every ${interval} ${unit}s` : `Every ${unit}`;
  if (parts.BYDAY) text += ` on ${list(parts.BYDAY.split(',').map((d) => DAYS[d.slice(-2)] || d))}`;
  if (parts.BYMONTHDAY) text += ` on day ${list(parts.BYMONTHDAY.split(','))} of the month`;
  if (parts.BYHOUR !== undefined) {
    const minutes = (parts.BYMINUTE || '0').split(',');
    const times = parts.BYHOUR.split(',').flatMap((hh) => minutes.map((mm) => `${pad(hh)}:${pad(mm)}`));
    text += ` at ${list(times)} UTC`;
  } else if (parts.BYMINUTE !== undefined) {
    text += ` at minute ${list(parts.BYMINUTE.split(','))}`;
  }
  const known = ['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'BYHOUR', 'BYMINUTE', 'BYSECOND'];
  const other = Object.keys(parts).filter((k) => !known.includes(k));
  return `${text}${other.length ? ` (also ${other.map((k) => `${k}=${parts[k]}`).join(', ')})` : ''}.`;
}
