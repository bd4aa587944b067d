// The tree's node kinds. Ids are built from API ids, so expansion state survives a refresh.
import type { Company, Contact, User } from '../core/model';
import type { Connection } from '../connections/store';
import type { ListKind } from './model';

export type TreeNode =
  | { kind: 'connection'; connection: Connection }
  | { kind: 'list'; connectionId: string; list: ListKind }
  | { kind: 'company'; connectionId: string; company: Company }
  | { kind: 'contact'; connectionId: string; contact: Contact }
  | { kind: 'user'; connectionId: string; user: User }
  | { kind: 'loadMore'; connectionId: string; list: ListKind; loaded: number; total?: number }
  | { kind: 'message'; parentId: string; connectionId?: string; tone: MessageTone; text: string; detail?: string; command?: NodeCommand };

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
    case 'loadMore':
      return `conn/${node.connectionId}/${node.list}/load-more`;
    case 'message':
      return `${node.parentId}/message/${node.tone}`;
  }
}
