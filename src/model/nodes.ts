// The tree's node kinds, as data: commands receive them as arguments, so they live below both.
import type { ApiKind, Company, Contact, ContactDetail, Folder, Invitation, User } from '../core/model';

/** The top-level lists of a connection. */
export type ListKind = 'companies' | 'users' | 'invitations' | 'folders';

/** What the tree needs of a stored connection (connections/store.ts's Connection has this shape). */
export interface ConnectionInfo {
  id: string;
  name: string;
  api: ApiKind;
  baseUrl: string;
  scheme?: string | undefined;
  settings?: Record<string, string> | undefined;
  sandbox?: boolean | undefined;
}

export type TreeNode =
  | { kind: 'connection'; connection: ConnectionInfo }
  | { kind: 'list'; connectionId: string; list: ListKind; actions: NodeAction[] }
  | { kind: 'folder'; connectionId: string; folder: Folder; actions: NodeAction[] }
  /** `folderId` when shown inside a folder: the same company may also be under Companies and other folders. */
  | { kind: 'company'; connectionId: string; company: Company; actions: NodeAction[]; folderId?: string }
  | { kind: 'contact'; connectionId: string; contact: Contact; actions: NodeAction[]; folderId?: string; expandable?: boolean }
  /** The users that belong to one company (capability companyUsers). */
  | { kind: 'companyUsers'; connectionId: string; company: Company; folderId?: string }
  /** `company` when listed under a company's Users branch. */
  | { kind: 'user'; connectionId: string; user: User; actions: NodeAction[]; company?: Company; folderId?: string }
  | { kind: 'detail'; connectionId: string; contact: Contact; detail: ContactDetail; folderId?: string }
  | { kind: 'invitation'; connectionId: string; invitation: Invitation }
  /** With `folderId`, loads more of that folder's companies. */
  | { kind: 'loadMore'; connectionId: string; list: ListKind; loaded: number; total?: number; folderId?: string }
  | { kind: 'message'; parentId: string; connectionId?: string; tone: MessageTone; text: string; detail?: string; command?: NodeCommand };

/** What the provider lets a person do on a node; becomes part of the contextValue for `when` clauses. */
export type NodeAction =
  /** The provider's createContacts, one contact per submission ("Create Contact…"). */
  | 'createContact'
  /** The provider's createContacts, several contacts per submission ("Create Contacts…"). */
  | 'createContacts'
  | 'editContact'
  | 'editUser'
  /** The provider can re-point the company's primary contact (capabilities.setPrimary). */
  | 'setPrimary'
  | 'invite'
  | 'filtered'
  | 'archivedShown'
  | 'archivedHidden'
  /** The company has a link into the vendor's web app. */
  | 'web'
  | 'signedIn'
  | 'signedOut';

export type MessageTone = 'info' | 'error' | 'signIn' | 'empty';

export interface NodeCommand {
  command: string;
  title: string;
  arguments?: unknown[];
}

/** The stored connections as the tree reads them. */
export interface ConnectionList {
  list(): ConnectionInfo[];
  onDidChange(listener: () => void): { dispose(): void };
}
