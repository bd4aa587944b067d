// What Copy puts on the clipboard for the selected nodes: one line per node that has the asked-for
// value, in selection order, without repeats. No VS Code here, so it is tested in plain Node.
import type { TreeNode } from '../model/nodes';

export type CopyWhat = 'default' | 'email' | 'name' | 'domain' | 'id';

type Field = Exclude<CopyWhat, 'default'>;
type Of<K extends TreeNode['kind']> = Partial<Record<Field, (n: Extract<TreeNode, { kind: K }>) => string | null | undefined>>;

/** Which values each node kind has; a kind or field not listed has nothing to copy. */
const FIELDS: { [K in TreeNode['kind']]?: Of<K> } = {
  connection: { name: (n) => n.connection.name },
  folder: { name: (n) => n.folder.name, id: (n) => n.folder.id },
  company: { name: (n) => n.company.name, domain: (n) => n.company.primaryDomain, id: (n) => n.company.id },
  companyUsers: { name: (n) => n.company.name, domain: (n) => n.company.primaryDomain },
  contact: { name: (n) => n.contact.formalName || n.contact.name, email: (n) => n.contact.email, id: (n) => n.contact.id },
  user: { name: (n) => n.user.formalName || n.user.name, email: (n) => (n.user.isCompanyApiToken ? undefined : n.user.email), id: (n) => n.user.id },
  detail: { name: (n) => n.detail.label },
  invitation: { name: (n) => n.invitation.companyName, email: (n) => n.invitation.recipientEmail, id: (n) => n.invitation.id },
  message: { name: (n) => n.text },
};

function valueOf(n: TreeNode, field: Field): string | undefined {
  const get = (FIELDS[n.kind] as Of<TreeNode['kind']> | undefined)?.[field] as ((n: TreeNode) => string | null | undefined) | undefined;
  return get?.(n) || undefined;
}

export function copyLines(nodes: readonly TreeNode[], what: CopyWhat): string[] {
  const out: string[] = [];
  for (const n of nodes) {
    // Plain Copy: the e-mail where there is one (what a person pastes into a mail), else the name.
    const v = what === 'default' ? (valueOf(n, 'email') ?? valueOf(n, 'name')) : valueOf(n, what);
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}
