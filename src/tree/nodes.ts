// Tree item ids, built from API ids so expansion state survives a refresh. The node kinds are data
// in src/model/nodes.ts (commands receive them as arguments).
import type { TreeNode } from '../model/nodes';

export type { ConnectionInfo, ListKind, MessageTone, NodeAction, NodeCommand, TreeNode } from '../model/nodes';

export function nodeId(node: TreeNode): string {
  switch (node.kind) {
    case 'connection':
      return connectionNodeId(node.connection.id);
    case 'list':
      return listNodeId(node.connectionId, node.list);
    case 'folder':
      return folderNodeId(node.connectionId, node.folder.id);
    case 'company':
      return companyNodeId(node.connectionId, node.company.id, node.folderId);
    case 'contact':
      return contactNodeId(node.connectionId, node.contact, node.folderId);
    case 'companyUsers':
      return `${companyNodeId(node.connectionId, node.company.id, node.folderId)}/users`;
    case 'user':
      return node.company ? `${companyNodeId(node.connectionId, node.company.id, node.folderId)}/users/${node.user.id}` : `conn/${node.connectionId}/users/${node.user.id}`;
    case 'detail':
      return `${contactNodeId(node.connectionId, node.contact, node.folderId)}/details/${node.detail.id}`;
    case 'invitation':
      return `conn/${node.connectionId}/invitations/${node.invitation.id}`;
    case 'loadMore':
      return node.folderId ? `${folderNodeId(node.connectionId, node.folderId)}/load-more` : `${listNodeId(node.connectionId, node.list)}/load-more`;
    case 'message':
      return `${node.parentId}/message/${node.tone}`;
  }
}

export function connectionNodeId(connectionId: string): string {
  return `conn/${connectionId}`;
}

export function listNodeId(connectionId: string, list: string): string {
  return `conn/${connectionId}/${list}`;
}

export function folderNodeId(connectionId: string, folderId: string): string {
  return `conn/${connectionId}/folders/${folderId}`;
}

/** Tree item ids must be unique, so a company inside a folder lives under the folder's id. */
export function companyNodeId(connectionId: string, companyId: string, folderId?: string): string {
  return folderId ? `${folderNodeId(connectionId, folderId)}/companies/${companyId}` : `conn/${connectionId}/companies/${companyId}`;
}

function contactNodeId(connectionId: string, contact: { id: string; companyId: string }, folderId?: string): string {
  return `${companyNodeId(connectionId, contact.companyId, folderId)}/contacts/${contact.id}`;
}
