// The tree's node kinds. Ids are built from API ids, so expansion state survives a refresh.
import type { Company, Contact, Folder, Invitation, User } from '../core/model';
import type { Connection } from '../connections/store';
import type { ListKind } from './model';

export type TreeNode =
  | { kind: 'connection'; connection: Connection }
  | { kind: 'list'; connectionId: string; list: ListKind; actions: NodeAction[] }
  | { kind: 'folder'; connectionId: string; folder: Folder; actions: NodeAction[] }
  /** `folderId` when shown inside a folder: the same company may also be under Companies and other folders. */
  | { kind: 'company'; connectionId: string; company: Company; actions: NodeAction[]; folderId?: string }
  | { kind: 'contact'; connectionId: string; contact: Contact; actions: NodeAction[]; folderId?: string }
  | { kind: 'user'; connectionId: string; user: User; actions: NodeAction[] }
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
  | 'invite'
  | 'filtered';

export type MessageTone = 'info' | 'error' | 'signIn' | 'empty';

export interface NodeCommand {
  command: string;
  title: string;
  arguments?: unknown[];
}

export function nodeId(node: TreeNode): string {
  switch (node.kind) {
    case 'connection':
      return `conn/${node.connection.id}`;
    case 'list':
      return `conn/${node.connectionId}/${node.list}`;
    case 'folder':
      return folderNodeId(node.connectionId, node.folder.id);
    case 'company':
      return companyNodeId(node.connectionId, node.company.id, node.folderId);
    case 'contact':
      return `${companyNodeId(node.connectionId, node.contact.companyId, node.folderId)}/contacts/${node.contact.id}`;
    case 'user':
      return `conn/${node.connectionId}/users/${node.user.id}`;
    case 'invitation':
      return `conn/${node.connectionId}/invitations/${node.invitation.id}`;
    case 'loadMore':
      return node.folderId ? `${folderNodeId(node.connectionId, node.folderId)}/load-more` : `conn/${node.connectionId}/${node.list}/load-more`;
    case 'message':
      return `${node.parentId}/message/${node.tone}`;
  }
}

export function folderNodeId(connectionId: string, folderId: string): string {
  return `conn/${connectionId}/folders/${folderId}`;
}

/** Tree item ids must be unique, so a company inside a folder lives under the folder's id. */
export function companyNodeId(connectionId: string, companyId: string, folderId?: string): string {
  return folderId ? `${folderNodeId(connectionId, folderId)}/companies/${companyId}` : `conn/${connectionId}/companies/${companyId}`;
}
