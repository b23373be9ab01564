// A bucket's settings as results: versioning read or switched, a version restored, CORS rules
// read, written or deleted (with what they allow a web page to do).
import { humanSize } from './formatting.js';
import { counted, facts, table } from './result-parts.js';

export function versioningView(data) {
  const was = data.PreviousStatus && data.PreviousStatus !== data.Status ? ` (was ${data.PreviousStatus})` : '';
  return facts(`Versioning of ${data.Bucket}: ${data.Status}${was}.`, [['MFA delete', data.MFADelete]]);
}

export function restoredView(data) {
  return facts(
    `Restored ${data.Key} in ${data.Bucket} from version ${data.RestoredFrom}: that content is current again, as a new version.`,
    [
      ['New version', data.VersionId],
      ['Size', humanSize(data.ContentLength)],
    ],
  );
}

const list = (values) => (values ?? []).join(', ');

export function corsView(data) {
  const rules = data.CORSRules ?? [];
  const said = data.Configured === false ? 'has no CORS rules' : `has ${counted(rules.length, 'CORS rule')}`;
  const uploads =
    data.AllowsBrowserUploads === undefined
      ? ''
      : data.AllowsBrowserUploads
        ? ': web pages may upload to it'
        : ': web pages may not upload to it';
  const changed = data.Mode ? ` (${data.Mode === 'append' ? 'rule added' : 'rules replaced'})` : '';
  return facts(
    `${data.Bucket} ${said}${uploads}${changed}.`,
    [['Note', data.Note]],
    rules.length
      ? table(
          ['Origins', 'Methods', 'Headers', 'Exposed', 'Max age (s)'],
          rules.map((rule) => [
            list(rule.AllowedOrigins),
            list(rule.AllowedMethods),
            list(rule.AllowedHeaders),
            list(rule.ExposeHeaders),
            rule.MaxAgeSeconds ?? '',
          ]),
          { id: 'cors-rules' },
        )
      : undefined,
  );
}

export function corsDeletedView(data) {
  return facts(
    data.Deleted === false
      ? `${data.Bucket} had no CORS rules: nothing to delete.`
      : `Deleted the CORS rules of ${data.Bucket}: web pages may no longer call it.`,
    [],
  );
}

/** What a lifecycle rule does, in words. */
function ruleAction(rule) {
  if (rule.AbortIncompleteMultipartUpload)
    return `abort incomplete uploads after ${counted(rule.AbortIncompleteMultipartUpload.DaysAfterInitiation, 'day')}`;
  if (rule.Expiration?.Days) return `delete objects ${counted(rule.Expiration.Days, 'day')} after they were written`;
  if (rule.NoncurrentVersionExpiration)
    return `delete old versions ${counted(rule.NoncurrentVersionExpiration.NoncurrentDays, 'day')} after they were replaced`;
  return 'another action (see the JSON)';
}

export function lifecycleView(data) {
  const rules = data.Rules ?? [];
  const said = data.Configured === false ? 'has no lifecycle rules' : `has ${counted(rules.length, 'lifecycle rule')}`;
  const changed = data.ExistingRules ? (data.ExistingRules === 'keep' ? ' (rule added)' : ' (rules replaced)') : '';
  return facts(
    `${data.Bucket} ${said}${changed}.`,
    [['Note', data.Note]],
    rules.length
      ? table(
          ['ID', 'Prefix', 'Status', 'Action'],
          rules.map((rule) => [rule.ID ?? '', rule.Filter?.Prefix ?? rule.Prefix ?? '', rule.Status, ruleAction(rule)]),
          { id: 'lifecycle-rules' },
        )
      : undefined,
  );
}

export function lifecycleDeletedView(data) {
  return facts(
    `Deleted the lifecycle rules of ${data.Bucket} (${counted((data.PreviousRules ?? []).length, 'rule')}).`,
    [],
  );
}
