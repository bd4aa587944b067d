// The steps of Add / Edit Connection and Sign In as data for runFlow, plus where a failed sign-in
// sends the person back to. Kept free of VS Code so the flow is tested with a scripted StepUi.
import { t } from '../core/l10n';
import type { AuthScheme, CredentialField } from '../core/auth';
import { isApiError } from '../core/errors';
import type { ApiKind } from '../core/model';
import type { ProviderDescriptor } from '../core/provider';
import { checkBaseUrl } from '../connections/baseUrl';
import type { CredentialRecord } from '../connections/credentials';
import { ProbeError } from '../connections/runtime';
import { pickStep, textStep, type PickItem, type Step, type StepFailure } from './multiStep';

export interface ConnectionDraft {
  api?: ApiKind;
  name: string;
  baseUrl: string;
  scheme?: string;
  /** What was typed for the scheme's fields (secret or not); an empty secret keeps the stored one. */
  typed: Record<string, string>;
  /** Answers to "keep this in secret storage?" for storeOnlyIfAsked fields. */
  keep: Record<string, boolean>;
  /** When editing: the stored record, whose secrets need not be retyped while the scheme is unchanged. */
  stored?: CredentialRecord;
}

export const stepIds = { api: 'api', name: 'name', baseUrl: 'baseUrl', scheme: 'scheme', field: (n: string) => `field.${n}`, keep: (n: string) => `keep.${n}` };

export function apiStep(items: Array<PickItem<ApiKind>>, onPick: (d: ConnectionDraft, api: ApiKind) => void): Step<ConnectionDraft> {
  return pickStep(stepIds.api, { placeholder: t('Which API does this connection use?'), items: () => items, read: (d) => d.api, write: onPick });
}

export function nameStep(taken: Set<string>): Step<ConnectionDraft> {
  return textStep(stepIds.name, {
    prompt: t('A name to tell this connection apart in the tree'),
    read: (d) => d.name,
    write: (d, v) => (d.name = v.trim()),
    validate: (v) => (!v.trim() ? t('Enter a name') : v.trim().length > 100 ? t('At most 100 characters') : taken.has(v.trim()) ? t('Another connection has this name') : undefined),
  });
}

export function baseUrlStep(descriptor: ProviderDescriptor): Step<ConnectionDraft> {
  return textStep(stepIds.baseUrl, {
    prompt: t('The {0} API address', descriptor.label),
    placeholder: descriptor.defaultBaseUrl,
    read: (d) => d.baseUrl,
    write: (d, v) => {
      const r = checkBaseUrl(v, descriptor.defaultBaseUrl);
      if (r.ok) d.baseUrl = r.url;
    },
    validate: (v) => {
      const r = checkBaseUrl(v, descriptor.defaultBaseUrl);
      return r.ok ? undefined : r.message;
    },
  });
}

export function schemeStep(descriptor: ProviderDescriptor): Step<ConnectionDraft> {
  return pickStep(stepIds.scheme, {
    placeholder: t('How do you sign in to {0}?', descriptor.label),
    items: () => descriptor.authSchemes.map((s) => ({ label: s.label, description: s.detail, value: s.id })),
    read: (d) => d.scheme,
    write: (d, id) => {
      if (d.scheme !== id) d.typed = {};
      d.scheme = id;
    },
  });
}

/** One step per credential field, and a "keep it?" question after each field kept only on request. */
export function fieldSteps(scheme: AuthScheme, settings: Record<string, string> = {}): Array<Step<ConnectionDraft>> {
  const steps: Array<Step<ConnectionDraft>> = [];
  for (const f of scheme.fields) {
    steps.push(
      textStep(stepIds.field(f.name), {
        prompt: f.prompt ?? f.label,
        password: f.secret,
        read: (d) => d.typed[f.name] ?? (f.secret ? '' : settings[f.name] ?? ''),
        write: (d, v) => (d.typed[f.name] = v.trim()),
        placeholder: (d) => (keepsStored(d, scheme, f) ? t('Leave empty to keep the stored value') : f.placeholder),
        validate: (v, d) => validateField(d, scheme, f, v),
      }),
    );
    if (f.storeOnlyIfAsked) {
      steps.push(
        pickStep(stepIds.keep(f.name), {
          placeholder: t('Keep the {0} in VS Code secret storage?', f.label.toLowerCase()),
          items: () => [
            { label: t('Use it once, keep only the tokens'), value: false },
            { label: t('Keep the {0} in secret storage', f.label.toLowerCase()), detail: t('Lets Portfolio Contacts sign in again by itself when the tokens can no longer be renewed.'), value: true },
          ],
          read: (d) => d.keep[f.name] ?? false,
          write: (d, v) => (d.keep[f.name] = v),
        }),
      );
    }
  }
  return steps;
}

function keepsStored(d: ConnectionDraft, scheme: AuthScheme, f: CredentialField): boolean {
  if (!f.secret || d.stored?.scheme !== scheme.id) return false;
  // A password used once stands behind the tokens it obtained: they are what is kept.
  return Boolean(d.stored.values[f.name]) || (Boolean(f.storeOnlyIfAsked) && Object.keys(d.stored.tokens ?? {}).length > 0);
}

/** When editing and no secret was retyped: the stored record (tokens included) is what to check and keep. */
export function reusableRecord(d: ConnectionDraft, scheme: AuthScheme): CredentialRecord | undefined {
  if (d.stored?.scheme !== scheme.id) return undefined;
  return scheme.fields.some((f) => f.secret && d.typed[f.name]) ? undefined : d.stored;
}

export function validateField(d: ConnectionDraft, scheme: AuthScheme, f: CredentialField, value: string): string | undefined {
  const v = value.trim();
  if (!v) return f.optional || keepsStored(d, scheme, f) ? undefined : `Enter the ${f.label.toLowerCase()}`;
  return f.validate?.(v);
}

/** The secret values to sign in with: what was typed, else what is stored for the same scheme. */
export function secretValues(d: ConnectionDraft, scheme: AuthScheme): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of scheme.fields) {
    if (!f.secret) continue;
    const v = d.typed[f.name] || (d.stored?.scheme === scheme.id ? d.stored.values[f.name] : undefined);
    if (v) out[f.name] = v;
  }
  return out;
}

export function settingValues(d: ConnectionDraft, scheme: AuthScheme): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of scheme.fields) if (!f.secret && d.typed[f.name]) out[f.name] = d.typed[f.name]!;
  return out;
}

/** The record to store: the verified one without the secrets the person chose not to keep. */
export function recordToStore(d: ConnectionDraft, scheme: AuthScheme, verified: CredentialRecord): CredentialRecord {
  const values = { ...verified.values };
  for (const f of scheme.fields) if (f.storeOnlyIfAsked && !d.keep[f.name]) delete values[f.name];
  return { ...verified, values };
}

/** Which step a failed sign-in returns to, and what to say there. */
export function failureStep(e: unknown, descriptor: ProviderDescriptor, scheme: AuthScheme, scrub: (t: string) => string): StepFailure {
  const stage = e instanceof ProbeError ? e.stage : 'verify';
  const error = e instanceof ProbeError ? e.error : e;
  const firstCredential = scheme.fields.find((f) => f.secret) ?? scheme.fields[0];
  const credentialStep = firstCredential ? stepIds.field(firstCredential.name) : stepIds.baseUrl;
  const unreachable = isApiError(error) && (error.kind === 'network' || error.kind === 'timeout' || (error.kind === 'http' && error.status === 404) || error.kind === 'schema');
  if (unreachable) {
    // A token endpoint of its own (OAuth) is a field of the scheme; otherwise it is the base URL that is wrong.
    const urlField = stage === 'exchange' ? scheme.fields.find((f) => /url$/i.test(f.name)) : undefined;
    const what = urlField ? `the ${urlField.label.toLowerCase()}` : 'the base URL';
    return { stepId: urlField ? stepIds.field(urlField.name) : stepIds.baseUrl, message: scrub(t('Could not reach {0} ({1}). Check {2}.', descriptor.label, error.message, what)) };
  }
  const why = isApiError(error) ? error.message : error instanceof Error ? error.message : String(error);
  const names = scheme.fields.filter((f) => f.secret || !f.optional).map((f) => f.label.toLowerCase());
  const which = names.length <= 1 ? `the ${names[0] ?? 'credentials'}` : `the ${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
  return { stepId: credentialStep, message: scrub(t('{0} did not accept {1} ({2}). Nothing was saved.', descriptor.label, which, why)) };
}
