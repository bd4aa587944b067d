// The tree's node kinds. Ids are built from API ids, so expansion state survives a refresh.
import type { Company, Contact, Invitation, User } from '../core/model';
import type { Connection } from '../connections/store';
import type { ListKind } from './model';

export type TreeNode =
  | { kind: 'connection'; connection: Connection }
  | { kind: 'list'; connectionId: string; list: ListKind; actions: NodeAction[] }
  | { kind: 'company'; connectionId: string; company: Company; actions: NodeAction[] }
  | { kind: 'contact'; connectionId: string; contact: Contact; actions: NodeAction[] }
  | { kind: 'user'; connectionId: string; user: User; actions: NodeAction[] }
  | { kind: 'invitation'; connectionId: string; invitation: Invitation }
  | { kind: 'loadMore'; connectionId: string; list: ListKind; loaded: number; total?: number }
  | { kind: 'message'; parentId: string; connectionId?: string; tone: MessageTone; text: string; detail?: string; command?: NodeCommand };

/** What the provider lets a person do on a node; becomes part of the contextValue for `when` clauses. */
export type NodeAction = 'assignContact' | 'editUser' | 'invite' | 'filtered';

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
    case 'company':
      return `conn/${node.connectionId}/companies/${node.company.id}`;
    case 'contact':
      return `conn/${node.connectionId}/companies/${node.contact.companyId}/contacts/${node.contact.id}`;
    case 'user':
      return `conn/${node.connectionId}/users/${node.user.id}`;
    case 'invitation':
      return `conn/${node.connectionId}/invitations/${node.invitation.id}`;
    case 'loadMore':
      return `conn/${node.connectionId}/${node.list}/load-more`;
    case 'message':
      return `${node.parentId}/message/${node.tone}`;
  }
}
